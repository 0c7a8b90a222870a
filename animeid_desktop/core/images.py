"""Safe image decoding: format sniffing by content, EXIF orientation, odd modes, size limits.

Every decoder in AnimeID goes through :func:`load_rgb`, which returns an RGB ``PIL.Image`` or
raises :class:`ImageError` with a human-readable reason (never another exception type).
"""

from __future__ import annotations

import io
import os
import struct
import warnings
from dataclasses import dataclass
from typing import Optional, Tuple

import numpy as np
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

# Refuse decompression bombs: anything above this many pixels is rejected before decoding.
MAX_PIXELS = 80_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
ImageFile.LOAD_TRUNCATED_IMAGES = False

FORMATS = ("jpeg", "png", "bmp", "webp", "gif", "tiff")
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".bmp", ".dib", ".webp", ".gif", ".tif", ".tiff"}


class ImageError(Exception):
    """A file that is not a usable image; ``str(exc)`` is the reason shown to the user."""


@dataclass(frozen=True)
class ImageInfo:
    """What the importer records about a decodable image."""

    format: str
    width: int
    height: int


def sniff_format(head: bytes) -> Optional[str]:
    """Image format from the first bytes of a file (not its extension), or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"BM") and len(head) >= 18:
        return "bmp"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    return None


def sniff_file(path: str | os.PathLike) -> Optional[str]:
    """Format of a file judged from its first bytes, or None if it is no known image."""
    with open(path, "rb") as fh:
        return sniff_format(fh.read(16))


def _to_rgb(img: Image.Image) -> Image.Image:
    """Convert any PIL mode (P, RGBA, LA, CMYK, I;16, F, 1 ...) to RGB; alpha goes onto white."""
    if img.mode == "RGB":
        return img
    if img.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        arr = np.asarray(img, dtype=np.float64)
        hi = float(arr.max()) if arr.size else 0.0
        scale = 255.0 / hi if hi > 255 else 1.0
        img = Image.fromarray(np.clip(arr * scale, 0, 255).astype(np.uint8), "L")
    if img.mode == "P":
        img = img.convert("RGBA") if "transparency" in img.info else img.convert("RGB")
    if img.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        img = img.convert("RGBA")
        background = Image.new("RGB", img.size, (255, 255, 255))
        background.paste(img, mask=img.getchannel("A"))
        return background
    return img.convert("RGB")


def _open(source: str | os.PathLike | bytes) -> Image.Image:
    if isinstance(source, (bytes, bytearray)):
        return Image.open(io.BytesIO(source))
    return Image.open(source)


def load_rgb(
    source: str | os.PathLike | bytes,
    target: Optional[int] = None,
    max_pixels: int = MAX_PIXELS,
) -> Image.Image:
    """Decode an image to RGB with EXIF orientation applied.

    ``target`` (pixels) lets JPEG decode at a reduced scale (draft mode) and other formats use
    ``reduce`` so that the shorter side stays at least ``target``: much faster for thumbnails and
    network inputs. Animated images give their first frame. Raises :class:`ImageError`.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = _open(source)
            w, h = img.size
            if w <= 0 or h <= 0:
                raise ImageError("image has zero width or height")
            if w * h > max_pixels:
                raise ImageError(f"image is {w}x{h} pixels, over the {max_pixels:,}-pixel safety limit")
            if getattr(img, "n_frames", 1) > 1:
                img.seek(0)
            if target and img.format == "JPEG":
                img.draft("RGB", (target, target))
            img.load()
            img = ImageOps.exif_transpose(img)
            if target:
                factor = min(img.size) // target
                if factor >= 2:
                    img = img.reduce(min(factor, 8))
            return _to_rgb(img)
    except ImageError:
        raise
    except Image.DecompressionBombError as exc:
        raise ImageError(f"refused as a decompression bomb ({exc})") from exc
    except Image.DecompressionBombWarning as exc:
        raise ImageError(f"refused as a possible decompression bomb ({exc})") from exc
    except UnidentifiedImageError as exc:
        raise ImageError("not an image Pillow can read") from exc
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, KeyError,
            ZeroDivisionError, struct.error, MemoryError, RuntimeError) as exc:
        text = str(exc) or type(exc).__name__
        if "truncated" in text.lower() or isinstance(exc, EOFError):
            raise ImageError(f"truncated or incomplete image data ({text})") from exc
        raise ImageError(f"corrupt image data ({text})") from exc


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
        raise ImageError("not an image (content is none of JPEG, PNG, BMP, WebP, GIF, TIFF)")
    img = load_rgb(path)
    return ImageInfo(fmt, img.width, img.height), img


def thumbnail(source: str | os.PathLike | bytes, size: int = 256) -> Image.Image:
    """A thumbnail no larger than ``size`` on its longer side (fast draft decoding)."""
    img = load_rgb(source, target=size)
    img.thumbnail((size, size), Image.Resampling.BILINEAR)
    return img
