"""Safe image decoding: format sniffing by content, EXIF orientation, odd modes, size limits.

Every decoder in AnimeID goes through :func:`load_rgb`, which returns an RGB ``PIL.Image`` or
raises :class:`ImageError` with a human-readable reason (never another exception type).

Hostile files are contained by limits rather than trust: only the supported formats are opened
(AVIF, HEIC/HEIF and JPEG XL through plugins registered when such a file is met, see
:mod:`~animeid_desktop.core.media.extra_formats`), dimensions are checked before any pixel is
decoded (:data:`MAX_PIXELS`, :data:`MAX_SIDE`), and each decode runs under a wall-clock limit
(:data:`DECODE_TIME_LIMIT`): a JPEG with thousands of progressive scans can otherwise keep libjpeg
busy for minutes. The decode runs in a daemon thread whose reads fail once the limit has passed,
so the caller gets its ``ImageError`` on time and the abandoned decode stops at its next read.
"""

from __future__ import annotations

import io
import os
import struct
import threading
import time
import warnings
from dataclasses import dataclass
from typing import Optional, Tuple

import numpy as np
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from animeid_desktop.core.media import extra_formats
from animeid_desktop.core.media.extra_formats import PluginMissing

# Refuse decompression bombs: anything above this many pixels is rejected before decoding.
MAX_PIXELS = 80_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
ImageFile.LOAD_TRUNCATED_IMAGES = False
# No real picture is longer than this on a side (webtoon strips stay far below it).
MAX_SIDE = 100_000
# Seconds one decode may take before the file is reported as too slow to decode.
DECODE_TIME_LIMIT = 30.0
# Pillow plugins that may open a file: the supported formats and nothing else (plus the plugin
# format of a file sniffed as AVIF, HEIC/HEIF or JPEG XL).
PIL_FORMATS = ("JPEG", "PNG", "BMP", "WEBP", "GIF", "TIFF")
# Set once, not per decode: ``warnings.catch_warnings`` is not thread-safe and decodes run in
# threads. The explicit size checks below are what refuse bombs; Pillow's own warnings about
# damaged metadata are not actionable for a user and would flood the CLI during an import.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL(\.|$)")

FORMATS = ("jpeg", "png", "bmp", "webp", "gif", "tiff", *extra_formats.PLUGIN_FORMATS)
FORMAT_NAMES = "JPEG, PNG, BMP, WebP, GIF, TIFF, AVIF, HEIC/HEIF, JPEG XL"  # for "not an image" reasons
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".bmp", ".dib", ".webp", ".gif", ".tif", ".tiff",
                    *extra_formats.EXTENSIONS}


class ImageError(Exception):
    """A file that is not a usable image; ``str(exc)`` is the reason shown to the user."""


@dataclass(frozen=True)
class ImageInfo:
    """What the importer records about a decodable image."""

    format: str
    width: int
    height: int


SNIFF_BYTES = 64  # enough for every signature below (BMP needs 18) and an ftyp box's brands
_BMP_DIB_SIZES = {12, 16, 40, 52, 56, 64, 108, 124}


def sniff_format(head: bytes) -> Optional[str]:
    """Image format from the first :data:`SNIFF_BYTES` bytes of a file (not its extension), or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"BM") and len(head) >= 18:
        # The DIB header size at offset 14 tells real bitmaps from text that starts with "BM".
        if struct.unpack_from("<I", head, 14)[0] in _BMP_DIB_SIZES:
            return "bmp"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    return extra_formats.sniff_plugin_format(head)


def sniff_file(path: str | os.PathLike) -> Optional[str]:
    """Format of a file judged from its first bytes, or None if it is no known image."""
    with open(path, "rb") as fh:
        return sniff_format(fh.read(SNIFF_BYTES))


# Modes ``Image.reduce`` averages correctly; any other (P, PA, 1, I;16 ...) is made RGB first:
# Pillow refuses to reduce P, 1 and I;16 ("image has wrong mode") and would average PA's indices.
_REDUCIBLE_MODES = frozenset({"RGB", "RGBA", "RGBX", "L", "LA", "CMYK", "YCbCr", "I", "F"})


def to_rgb(img: Image.Image) -> Image.Image:
    """Convert any PIL mode (P, RGBA, LA, CMYK, I;16, F, 1 ...) to RGB; alpha goes onto white."""
    if img.mode == "RGB":
        return img
    if img.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        arr = np.asarray(img, dtype=np.float32)
        hi = float(arr.max()) if arr.size else 0.0
        scale = 255.0 / hi if hi > 255 else 1.0
        img = Image.fromarray(np.clip(arr * scale, 0, 255).astype(np.uint8), "L")
    if img.mode == "P":
        img = img.convert("RGBA") if "transparency" in img.info else img.convert("RGB")
    if img.mode in ("RGBa", "La"):  # premultiplied alpha: un-premultiply first
        img = img.convert(img.mode[:-1] + "A")
    if img.mode in ("RGBA", "LA", "PA"):
        img = img.convert("RGBA")
        background = Image.new("RGB", img.size, (255, 255, 255))
        background.paste(img, mask=img.getchannel("A"))
        return background
    return img.convert("RGB")


class _TimeLimitExceeded(BaseException):
    """Raised from a guarded read once a decode is past its deadline (not catchable as Exception)."""


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds
        self.cancelled = False

    def check(self) -> None:
        if self.cancelled or time.monotonic() > self.at:
            raise _TimeLimitExceeded()


class _GuardedBytes(io.BytesIO):
    """In-memory file whose reads fail after the deadline."""

    def __init__(self, data: bytes, deadline: Optional[_Deadline]) -> None:
        super().__init__(data)
        self._deadline = deadline

    def read(self, size: Optional[int] = -1) -> bytes:
        if self._deadline is not None:
            self._deadline.check()
        return super().read(size)


class _GuardedFile(io.BufferedReader):
    """File on disk whose reads fail after the deadline."""

    def __init__(self, path: str | os.PathLike, deadline: Optional[_Deadline]) -> None:
        super().__init__(io.FileIO(os.fspath(path), "rb"))
        self._deadline = deadline

    def read(self, size: Optional[int] = -1) -> bytes:
        if self._deadline is not None:
            self._deadline.check()
        return super().read(size)


def _open_guarded(source: str | os.PathLike | bytes, deadline: Optional[_Deadline]) -> io.IOBase:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _GuardedBytes(bytes(source), deadline)
    return _GuardedFile(source, deadline)


def _check_size(w: int, h: int, max_pixels: int) -> None:
    if w <= 0 or h <= 0:
        raise ImageError("image has zero width or height")
    if w * h > max_pixels:
        raise ImageError(f"image is {w}x{h} pixels, over the {max_pixels:,}-pixel safety limit")
    if max(w, h) > MAX_SIDE:
        raise ImageError(f"image is {w}x{h} pixels, a side over the {MAX_SIDE:,}-pixel safety limit")


def _open(fp: io.IOBase, max_pixels: int) -> Image.Image:
    """Open (not decode) with the plugins the content calls for; JPEG XL's size is checked first
    because its plugin decodes on opening."""
    plugin_format = extra_formats.sniff_plugin_format(fp.read(SNIFF_BYTES))
    fp.seek(0)
    if plugin_format is None:
        return Image.open(fp, formats=PIL_FORMATS)
    try:
        pil_format = extra_formats.ensure_plugin(plugin_format)
    except PluginMissing as exc:
        raise ImageError(str(exc)) from exc
    if plugin_format == "jxl":
        _check_size(*extra_formats.jxl_size(fp), max_pixels)
    return Image.open(fp, formats=PIL_FORMATS + (pil_format,))


def _decode(
    source: str | os.PathLike | bytes, target: Optional[int], max_pixels: int, deadline: Optional[_Deadline]
) -> Image.Image:
    """The decode itself; any failure is turned into :class:`ImageError` (a timeout propagates)."""
    try:
        fp = _open_guarded(source, deadline)
    except OSError as exc:
        raise ImageError(f"cannot read file ({exc.strerror or exc})") from exc
    try:
        with fp:
            img = _open(fp, max_pixels)
            _check_size(*img.size, max_pixels)
            # A freshly opened animated image is on its first frame; never count frames (slow).
            if target and img.format == "JPEG":
                img.draft("RGB", (target, target))
            img.load()
            img = ImageOps.exif_transpose(img)
            if target and min(img.size) // target >= 2:
                if img.mode not in _REDUCIBLE_MODES:
                    img = to_rgb(img)
                img = img.reduce(min(min(img.size) // target, 8))
            return to_rgb(img)
    except (ImageError, _TimeLimitExceeded):
        raise
    except Image.DecompressionBombError as exc:
        raise ImageError(f"refused as a decompression bomb ({exc})") from exc
    except UnidentifiedImageError as exc:
        raise ImageError("not an image Pillow can read") from exc
    except MemoryError as exc:
        raise ImageError("not enough memory to decode this image") from exc
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, KeyError,
            ZeroDivisionError, struct.error, RuntimeError) as exc:
        text = str(exc) or type(exc).__name__
        if "truncated" in text.lower() or isinstance(exc, EOFError):
            raise ImageError(f"truncated or incomplete image data ({text})") from exc
        raise ImageError(f"corrupt image data ({text})") from exc
    except Exception as exc:  # noqa: BLE001 - any other decoder failure is still just a bad file
        raise ImageError(f"corrupt image data ({type(exc).__name__}: {exc})") from exc


def _timed_out(limit: float) -> ImageError:
    return ImageError(f"decoding took longer than the {limit:g} s limit (damaged or deliberately slow file)")


def load_rgb(
    source: str | os.PathLike | bytes,
    target: Optional[int] = None,
    max_pixels: int = MAX_PIXELS,
    time_limit: Optional[float] = -1.0,
) -> Image.Image:
    """Decode an image to RGB with EXIF orientation applied.

    ``target`` (pixels) lets JPEG decode at a reduced scale (draft mode) and other formats use
    ``reduce`` so that the shorter side stays at least ``target``: much faster for thumbnails and
    network inputs. Animated images give their first frame. ``time_limit`` bounds the wall-clock
    time of the decode in seconds (negative: :data:`DECODE_TIME_LIMIT`, None: no limit). Raises
    :class:`ImageError`.
    """
    if time_limit is not None and time_limit < 0:
        time_limit = DECODE_TIME_LIMIT
    if time_limit is None:
        return _decode(source, target, max_pixels, None)
    deadline = _Deadline(time_limit)
    box: dict = {}

    def run() -> None:
        try:
            box["image"] = _decode(source, target, max_pixels, deadline)
        except _TimeLimitExceeded:
            box["error"] = _timed_out(time_limit)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller below
            box["error"] = exc

    worker = threading.Thread(target=run, name="animeid-decode", daemon=True)
    worker.start()
    worker.join(time_limit)
    if worker.is_alive():
        deadline.cancelled = True  # the abandoned decode fails at its next read
        raise _timed_out(time_limit)
    if "error" in box:
        raise box["error"]
    return box["image"]


def probe(path: str | os.PathLike) -> Tuple[ImageInfo, Image.Image]:
    """Sniff and fully decode a file; returns its info and RGB image, or raises :class:`ImageError`."""
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise ImageError(f"cannot read file ({exc.strerror})") from exc
    if size == 0:
        raise ImageError("empty file (0 bytes)")
    try:
        fmt = sniff_file(path)
    except OSError as exc:
        raise ImageError(f"cannot read file ({exc.strerror})") from exc
    if fmt is None:
        raise ImageError(f"not an image (content is none of {FORMAT_NAMES})")
    img = load_rgb(path)
    return ImageInfo(fmt, img.width, img.height), img


def thumbnail(source: str | os.PathLike | bytes, size: int = 256) -> Image.Image:
    """A thumbnail no larger than ``size`` on its longer side (fast draft decoding)."""
    img = load_rgb(source, target=size)
    img.thumbnail((size, size), Image.Resampling.BILINEAR)
    return img
