"""Generate a folder of deliberately awkward files for importer tests.

:func:`write_bad_files` returns ``{file name: Expect}``: whether the importer must import the file
(``ok``, with the format it must detect and, for some, the stored size), skip it with a reason
containing ``reason`` (``skip``), or ignore it silently (``ignore``).

:func:`mode_images` encodes one picture in every pixel mode Pillow can hand back (palette with and
without transparency, bilevel, grey, grey+alpha, 32-bit int, 16-bit, float, CMYK, RGBA, YCbCr),
small or LARGE so that the reduced-scale decode paths (``reduce``, JPEG draft) run.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional, Tuple

import numpy as np
from PIL import Image

from animeid_desktop.core.demo import synthetic

LARGE = (1200, 900)  # over twice every reduced decode size used by the app: reduce/draft paths run
# name: (mode the file decodes to, Pillow writer, format the importer must detect)
MODE_VARIANTS: Dict[str, Tuple[str, str, str]] = {
    "palette.png": ("P", "PNG", "png"),
    "palette_alpha.png": ("P", "PNG", "png"),
    "palette.gif": ("P", "GIF", "gif"),
    "palette.bmp": ("P", "BMP", "bmp"),
    "palette.tif": ("P", "TIFF", "tiff"),
    "bilevel.png": ("1", "PNG", "png"),
    "bilevel.tif": ("1", "TIFF", "tiff"),
    "grey.png": ("L", "PNG", "png"),
    "grey_alpha.png": ("LA", "PNG", "png"),
    "int32.tif": ("I", "TIFF", "tiff"),
    "deep16.png": ("I;16", "PNG", "png"),
    "deep16.tif": ("I;16", "TIFF", "tiff"),
    "float.tif": ("F", "TIFF", "tiff"),
    "cmyk.jpg": ("CMYK", "JPEG", "jpeg"),
    "cmyk.tif": ("CMYK", "TIFF", "tiff"),
    "rgba.png": ("RGBA", "PNG", "png"),
    "rgba.webp": ("RGBA", "WEBP", "webp"),
    "ycbcr.tif": ("YCbCr", "TIFF", "tiff"),
}


@dataclass(frozen=True)
class Expect:
    outcome: str  # "ok" | "skip" | "ignore"
    format: Optional[str] = None  # detected format for "ok"
    reason: Optional[str] = None  # substring of the skip reason (lower case)
    size: Optional[Tuple[int, int]] = None  # stored (width, height) for "ok", when it matters


def _noise(size=(48, 40), seed=0, mode="RGB") -> Image.Image:
    rng = np.random.default_rng(seed)
    arr = rng.integers(0, 256, (size[1], size[0], 3), dtype=np.uint8)
    return Image.fromarray(arr, "RGB").convert(mode)


def _encode(img: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png(width: int = 30000, height: int = 30000) -> bytes:
    """A tiny, well-formed PNG whose header claims ``width`` x ``height`` pixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


def animated_gif() -> bytes:
    frames = [_noise((32, 32), seed=s).convert("P") for s in range(3)]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=80, loop=0)
    return buf.getvalue()


def rotated_jpeg() -> bytes:
    """A 60x20 JPEG whose EXIF orientation (6) says: rotate to 20x60 for display."""
    exif = Image.Exif()
    exif[0x0112] = 6
    return _encode(_noise((60, 20), seed=5), "JPEG", exif=exif.tobytes())


def sixteen_bit_png() -> bytes:
    arr = (np.arange(40 * 30, dtype=np.uint32).reshape(30, 40) * 50).astype(np.uint16)
    return _encode(Image.fromarray(arr), "PNG")


def _in_mode(img: Image.Image, name: str, mode: str) -> Image.Image:
    if mode == "I;16":
        arr = np.asarray(img.convert("L"), dtype=np.uint16) * 257
        return Image.fromarray(arr)
    if mode == "I":
        return Image.fromarray(np.asarray(img.convert("L"), dtype=np.int32) * 65536)
    out = img.convert(mode)
    if name == "palette_alpha.png":
        out.info["transparency"] = 0
    elif mode in ("LA", "RGBA"):
        out.putalpha(Image.linear_gradient("L").resize(img.size))
    return out


@lru_cache(maxsize=4)
def mode_images(size: Tuple[int, int] = LARGE, seed: int = 0) -> Dict[str, Tuple[str, bytes]]:
    """``{file name: (detected format, bytes)}``: a synthetic picture of ``size`` in every mode of
    :data:`MODE_VARIANTS` (each file decodes to that mode; asserted by the decoder tests)."""
    picture, _ = synthetic.make_image(seed % 3, image_seed=seed, size=max(size) // 4)
    picture = picture.resize(size, Image.Resampling.BILINEAR)
    out = {}
    for name, (mode, writer, fmt) in MODE_VARIANTS.items():
        # Deflate keeps int32/float/CMYK TIFFs small; a compressed YCbCr TIFF would decode as RGB.
        packed = {"compression": "tiff_adobe_deflate"} if writer == "TIFF" and mode != "YCbCr" else {}
        out[name] = (fmt, _encode(_in_mode(picture, name, mode), writer, **packed))
    return out


def write_bad_files(folder: Path) -> Dict[str, Expect]:
    """Write the awkward files into ``folder`` and return what the importer must do with each."""
    folder.mkdir(parents=True, exist_ok=True)
    good_jpeg = _encode(_noise(seed=1), "JPEG", quality=90)
    palette = _noise(seed=7).convert("P", palette=Image.Palette.ADAPTIVE)
    palette.info["transparency"] = 0
    files: Dict[str, Tuple[bytes, Expect]] = {
        "truncated.jpg": (good_jpeg[: len(good_jpeg) // 2], Expect("skip", reason="truncated")),
        "zero.png": (b"", Expect("skip", reason="empty")),
        "text.png": (b"just some notes, not a picture\n" * 4, Expect("skip", reason="not an image")),
        "bomb.png": (bomb_png(), Expect("skip", reason="bomb")),
        "corrupt.png": (_encode(_noise(seed=2), "PNG")[:60] + b"\x00garbage" * 40, Expect("skip", reason="")),
        "random.webp": (np.random.default_rng(3).bytes(500), Expect("skip", reason="not an image")),
        "clip.mp4": (b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 200, Expect("skip", reason="not an image")),
        "animated.gif": (animated_gif(), Expect("ok", "gif", size=(32, 32))),
        "cmyk.jpg": (_encode(_noise(seed=4, mode="CMYK"), "JPEG"), Expect("ok", "jpeg", size=(48, 40))),
        "deep16.png": (sixteen_bit_png(), Expect("ok", "png", size=(40, 30))),
        "picture.webp": (_encode(_noise(seed=6), "WEBP"), Expect("ok", "webp", size=(48, 40))),
        "picture.bmp": (_encode(_noise(seed=8), "BMP"), Expect("ok", "bmp", size=(48, 40))),
        "really_png.jpg": (_encode(_noise(seed=9), "PNG"), Expect("ok", "png", size=(48, 40))),
        "picture.tiff": (_encode(_noise(seed=10), "TIFF"), Expect("ok", "tiff", size=(48, 40))),
        "palette_alpha.png": (_encode(palette, "PNG"), Expect("ok", "png")),
        "rgba.png": (_encode(_noise(seed=11, mode="RGBA"), "PNG"), Expect("ok", "png")),
        "grey_alpha.png": (_encode(_noise(seed=12, mode="LA"), "PNG"), Expect("ok", "png")),
        "rotated.jpg": (rotated_jpeg(), Expect("ok", "jpeg", size=(20, 60))),
        "no_extension": (_encode(_noise(seed=13), "PNG"), Expect("ok", "png")),
        "notes.txt": (b"where these came from\n", Expect("ignore")),
        "info.json": (b"{}", Expect("ignore")),
        ".hidden.png": (_encode(_noise(seed=14), "PNG"), Expect("ignore")),
    }
    for name, (fmt, data) in mode_images().items():
        files[f"large_{name}"] = (data, Expect("ok", fmt, size=LARGE))
    for name, (data, _expect) in files.items():
        (folder / name).write_bytes(data)
    return {name: expect for name, (_data, expect) in files.items()}
