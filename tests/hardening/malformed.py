"""Malformed image files for fuzzing the decoder and the importer (tests and benchmarks/fuzz_import.py).

- ``seed_images()``: small valid files in every supported format and common variant (progressive
  JPEG, EXIF orientation, palette/alpha/16-bit PNG, lossless/animated WebP, animated GIF, 8-bit BMP,
  LZW/deflate/multi-page TIFF) drawn by :mod:`animeid_desktop.core.demo.synthetic`, plus one small
  file per pixel mode (``mode_*``, from :func:`tests.core.badfiles.mode_images`).
- Mutations, each a pure function of the input bytes and plain parameters, so Hypothesis can draw
  the parameters (``op_strategy``, ``apply_ops``) and the benchmark can also draw them from a seeded
  RNG (``random_ops``):
  ``truncate``, ``bitflip``, ``header`` (overwrite bytes in the first 64), ``splice`` (insert junk),
  ``extreme`` (overwrite 4 bytes with an extreme integer), ``dims`` (rewrite the declared width and
  height with valid checksums: absurd dimensions) and ``chunk`` (repeat or drop a slice).
- ``special_inputs()``: zero bytes, text and HTML named like images, magic bytes followed by junk.
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from functools import lru_cache
from typing import Dict, List, Sequence, Tuple

from hypothesis import strategies as st
from PIL import Image, features

from animeid_desktop.core.demo import synthetic
from tests.core.badfiles import mode_images

Op = Tuple  # ("name", *int parameters)
OP_NAMES = ("truncate", "bitflip", "header", "splice", "extreme", "dims", "chunk")
EXTREMES = (0, 1, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF, 0x80000000, 65500)
EXT = {"jpeg": ".jpg", "png": ".png", "webp": ".webp", "gif": ".gif", "bmp": ".bmp", "tiff": ".tif"}


def _encode(img: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


@lru_cache(maxsize=1)
def seed_images() -> Dict[str, Tuple[str, bytes]]:
    """Valid small images: ``{name: (format, bytes)}`` covering every format and common variant."""
    base, _ = synthetic.make_image(0, image_seed=1, size=40)
    other, _ = synthetic.make_image(1, image_seed=2, size=40)
    base = base.resize((40, 30))
    other = other.resize((40, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate
    rgba = base.convert("RGBA")
    rgba.putalpha(128)
    seeds = {
        "jpeg": ("jpeg", _encode(base, "JPEG", quality=80)),
        "jpeg_progressive": ("jpeg", _encode(base, "JPEG", progressive=True)),
        "jpeg_exif": ("jpeg", _encode(base, "JPEG", exif=exif.tobytes())),
        "jpeg_gray": ("jpeg", _encode(base.convert("L"), "JPEG")),
        "png": ("png", _encode(base, "PNG")),
        "png_palette": ("png", _encode(base.convert("P"), "PNG")),
        "png_rgba": ("png", _encode(rgba, "PNG")),
        "png_16bit": ("png", _encode(base.convert("L").convert("I;16"), "PNG")),
        "webp": ("webp", _encode(base, "WEBP", quality=70)),
        "webp_lossless": ("webp", _encode(rgba, "WEBP", lossless=True)),
        "webp_animated": ("webp", _encode(base, "WEBP", save_all=True, append_images=[other])),
        "gif": ("gif", _encode(base.convert("P"), "GIF")),
        "gif_animated": ("gif", _encode(base, "GIF", save_all=True, append_images=[other, base], duration=50)),
        "bmp": ("bmp", _encode(base, "BMP")),
        "bmp_8bit": ("bmp", _encode(base.convert("P"), "BMP")),
        "tiff": ("tiff", _encode(base, "TIFF")),
        "tiff_lzw": ("tiff", _encode(base, "TIFF", compression="tiff_lzw")),
        "tiff_deflate": ("tiff", _encode(rgba, "TIFF", compression="tiff_adobe_deflate")),
        "tiff_multipage": ("tiff", _encode(base, "TIFF", save_all=True, append_images=[other])),
    }
    seeds.update({f"mode_{name}": value for name, value in mode_images((40, 30)).items()})
    return seeds


@lru_cache(maxsize=1)
def plugin_seed_images() -> Dict[str, Tuple[str, bytes]]:
    """Small valid AVIF, HEIC and JPEG XL files, for the formats whose encoder is installed here."""
    base, _ = synthetic.make_image(0, image_seed=1, size=40)
    base = base.resize((40, 30))
    seeds: Dict[str, Tuple[str, bytes]] = {}
    if features.check("avif"):
        seeds["avif"] = ("avif", _encode(base, "AVIF"))
    try:
        import pillow_heif

        if pillow_heif.libheif_info()["HEIF"]:
            buf = io.BytesIO()
            pillow_heif.from_pillow(base).save(buf, format="HEIF")
            seeds["heif"] = ("heif", buf.getvalue())
    except ImportError:
        pass
    try:
        import pillow_jxl  # noqa: F401 - registers the JXL writer

        seeds["jxl"] = ("jxl", _encode(base, "JXL"))
    except ImportError:
        pass
    return seeds


# ------------------------------------------------------------------ structured dimension rewriting
def _png_dims(data: bytearray, w: int, h: int) -> None:
    if data[12:16] != b"IHDR" or len(data) < 33:
        return
    data[16:24] = struct.pack(">II", w & 0xFFFFFFFF, h & 0xFFFFFFFF)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])) & 0xFFFFFFFF)


def _jpeg_dims(data: bytearray, w: int, h: int) -> None:
    for marker in (b"\xff\xc0", b"\xff\xc2", b"\xff\xc1"):
        i = data.find(marker)
        if i >= 0 and i + 9 <= len(data):
            data[i + 5 : i + 9] = struct.pack(">HH", h & 0xFFFF, w & 0xFFFF)
            return


def _gif_dims(data: bytearray, w: int, h: int) -> None:
    if len(data) >= 10:
        data[6:10] = struct.pack("<HH", w & 0xFFFF, h & 0xFFFF)
    i = data.find(b"\x2c", 13)  # first image descriptor
    if 0 <= i and i + 9 <= len(data):
        data[i + 5 : i + 9] = struct.pack("<HH", w & 0xFFFF, h & 0xFFFF)


def _bmp_dims(data: bytearray, w: int, h: int) -> None:
    if len(data) >= 26:
        data[18:26] = struct.pack("<ii", _signed32(w), _signed32(h))


def _webp_dims(data: bytearray, w: int, h: int) -> None:
    i = data.find(b"VP8X")
    if i >= 0 and i + 18 <= len(data):
        data[i + 12 : i + 15] = ((w - 1) & 0xFFFFFF).to_bytes(3, "little")
        data[i + 15 : i + 18] = ((h - 1) & 0xFFFFFF).to_bytes(3, "little")
        return
    i = data.find(b"VP8 ")
    if i >= 0 and i + 18 <= len(data):
        data[i + 14 : i + 18] = struct.pack("<HH", w & 0x3FFF, h & 0x3FFF)


def _tiff_dims(data: bytearray, w: int, h: int) -> None:
    if data[:4] != b"II*\x00" or len(data) < 8:
        return
    off = struct.unpack("<I", data[4:8])[0]
    if off + 2 > len(data):
        return
    count = struct.unpack("<H", data[off : off + 2])[0]
    for k in range(count):
        e = off + 2 + 12 * k
        if e + 12 > len(data):
            return
        tag = struct.unpack("<H", data[e : e + 2])[0]
        if tag in (256, 257):
            data[e + 2 : e + 12] = struct.pack("<HII", 4, 1, (w if tag == 256 else h) & 0xFFFFFFFF)


def _signed32(v: int) -> int:
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v >= 1 << 31 else v


_DIMS = {"png": _png_dims, "jpeg": _jpeg_dims, "gif": _gif_dims, "bmp": _bmp_dims, "webp": _webp_dims,
         "tiff": _tiff_dims}


# ------------------------------------------------------------------ mutations
def apply_op(data: bytes, fmt: str, op: Op) -> bytes:
    """Apply one mutation; parameters are taken modulo the data size, so any integers are valid."""
    name, *p = op
    buf = bytearray(data)
    n = max(len(buf), 1)
    if name == "truncate":
        return bytes(buf[: p[0] % n])
    if name == "bitflip":
        for pos, bit in zip(p[0::2], p[1::2]):
            if buf:
                buf[pos % n] ^= 1 << (bit % 8)
        return bytes(buf)
    if name == "header":
        for pos, value in zip(p[0::2], p[1::2]):
            if buf:
                buf[pos % min(n, 64)] = value % 256
        return bytes(buf)
    if name == "splice":
        pos, length, fill = p[0] % (len(buf) + 1), p[1] % 300, p[2] % 256
        junk = bytes((fill + 37 * k) % 256 for k in range(length))
        return bytes(buf[:pos]) + junk + bytes(buf[pos:])
    if name == "extreme":
        if len(buf) >= 4:
            pos = p[0] % (len(buf) - 3)
            value = EXTREMES[p[1] % len(EXTREMES)]
            buf[pos : pos + 4] = struct.pack(">I" if p[2] % 2 else "<I", value)
        return bytes(buf)
    if name == "dims":
        _DIMS[fmt](buf, p[0], p[1])
        return bytes(buf)
    if name == "chunk":
        a, b = sorted((p[0] % n, p[1] % n))
        piece = bytes(buf[a:b])
        return bytes(buf[:b]) + piece * (p[2] % 4) + bytes(buf[b:]) if p[2] % 5 else bytes(buf[:a] + buf[b:])
    raise ValueError(f"unknown mutation {name!r}")


def apply_ops(data: bytes, fmt: str, ops: Sequence[Op]) -> bytes:
    """Apply mutations in order."""
    for op in ops:
        data = apply_op(data, fmt, op)
    return data


_ARITY = {"truncate": 1, "bitflip": 2, "header": 2, "splice": 3, "extreme": 3, "dims": 2, "chunk": 3}
_INT = st.one_of(st.integers(0, 1 << 20), st.sampled_from(EXTREMES))


@st.composite
def op_strategy(draw) -> Op:
    """Hypothesis strategy for one mutation (bit flips and header writes touch 1 to 4 places)."""
    name = draw(st.sampled_from(OP_NAMES))
    arity = _ARITY[name] * (draw(st.integers(1, 4)) if name in ("bitflip", "header") else 1)
    return (name, *draw(st.lists(_INT, min_size=arity, max_size=arity)))


def random_op(rng: random.Random, size: int) -> Op:
    """One mutation with parameters drawn from ``rng`` (biased towards the file's own size)."""
    name = rng.choice(OP_NAMES)
    if name == "truncate":
        return (name, rng.randrange(max(size, 1)))
    if name in ("bitflip", "header"):
        k = rng.randint(1, 12)
        params = [v for _ in range(k) for v in (rng.randrange(1 << 20), rng.randrange(256))]
        return (name, *params)
    if name == "dims":
        choices = [0, 1, 2, 7, 65535, 65500, 100_001, 1 << 24, 0x7FFFFFFF, 0xFFFFFFFF, rng.randrange(1, 20000)]
        return (name, rng.choice(choices), rng.choice(choices))
    return (name, *(rng.randrange(1 << 20) for _ in range(_ARITY[name])))


def random_ops(rng: random.Random, size: int) -> List[Op]:
    """One to four mutations."""
    return [random_op(rng, size) for _ in range(rng.randint(1, 4))]


def special_inputs() -> List[Tuple[str, bytes]]:
    """Inputs that are not mutated images: ``(file name, bytes)``."""
    text = b"This is not a picture.\n" * 20
    seeds = seed_images()
    out = [
        ("zero.jpg", b""),
        ("zero.png", b""),
        ("text.jpg", text),
        ("text.png", text),
        ("text.webp", text),
        ("page.gif", b"<!DOCTYPE html><html><body>404 Not Found</body></html>"),
        ("utf16.bmp", "picture".encode("utf-16")),
        ("one_byte.tif", b"\xff"),
        ("magic_only.jpg", b"\xff\xd8\xff"),
        ("magic_only.png", b"\x89PNG\r\n\x1a\n"),
        ("magic_only.gif", b"GIF89a"),
        ("magic_only.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 "),
        ("magic_only.tif", b"II*\x00"),
        ("magic_only.bmp", b"BM" + b"\x00" * 16),
        ("zeros_4k.png", b"\x00" * 4096),
        ("png_named.jpg", seeds["png"][1]),  # valid, wrong extension: must import fine
    ]
    for name, (fmt, data) in seeds.items():
        for w, h in ((0, 0), (1, 0x7FFFFFFF), (65535, 65535), (100_001, 1), (1 << 24, 1 << 24)):
            out.append((f"dims_{name}_{w}x{h}{EXT[fmt]}", apply_op(data, fmt, ("dims", w, h))))
    return out


def slow_jpeg(side_w: int, side_h: int, extra_scans: int) -> bytes:
    """A progressive JPEG with one tiny scan repeated: libjpeg re-walks the whole image per scan."""
    buf = io.BytesIO()
    Image.new("RGB", (side_w, side_h), (10, 20, 30)).save(buf, "JPEG", progressive=True, quality=50)
    data = buf.getvalue()
    pos, scans = 2, []
    while pos < len(data) and data[pos + 1] != 0xD9:
        end = pos + 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
        if data[pos + 1] == 0xDA:
            while not (data[end] == 0xFF and data[end + 1] != 0 and not 0xD0 <= data[end + 1] <= 0xD7):
                end += 1
            scans.append((pos, end))
        pos = end
    start, stop = min(scans[1:], key=lambda s: s[1] - s[0])
    return data[:-2] + data[start:stop] * extra_scans + b"\xff\xd9"
