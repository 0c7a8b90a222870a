"""AVIF, HEIC/HEIF and JPEG XL: content sniffing, lazily registered Pillow plugins, JPEG XL's size.

The plugins are imported the first time such a file is met, never at start-up. A missing plugin
is an :class:`~animeid_desktop.core.media.images.ImageError`-worthy reason naming what to install
(:class:`PluginMissing`). JPEG XL's plugin decodes the whole picture when it opens a file, so
:func:`jxl_size` reads the declared size from the codestream header first: the pixel limits are
checked before any pixel is decoded, as for every other format.
"""

from __future__ import annotations

import struct
import threading
from dataclasses import dataclass
from typing import BinaryIO, Callable, Dict, Optional, Tuple


@dataclass(frozen=True)
class PluginFormat:
    """A format read through a Pillow plugin: how it is shown, Pillow's name, what to install."""

    label: str
    pil_format: str
    package: str


PLUGIN_FORMATS: Dict[str, PluginFormat] = {
    "avif": PluginFormat("AVIF", "AVIF", "Pillow 11.3 or later"),
    "heif": PluginFormat("HEIC/HEIF", "HEIF", "pillow-heif"),
    "jxl": PluginFormat("JPEG XL", "JXL", "pillow-jxl-plugin"),
}
EXTENSIONS = {".avif", ".heic", ".heif", ".jxl"}

_AVIF_BRANDS = {b"avif", b"avis"}
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
JXL_CODESTREAM = b"\xff\x0a"
JXL_CONTAINER = b"\x00\x00\x00\x0cJXL \r\n\x87\n"


class PluginMissing(Exception):
    """The plugin that reads this format is not installed; ``str(exc)`` says which one to install."""


def sniff_plugin_format(head: bytes) -> Optional[str]:
    """``avif``, ``heif`` or ``jxl`` from a file's first bytes (ISO-BMFF brands, JXL signatures), or None."""
    if head.startswith(JXL_CODESTREAM) or head.startswith(JXL_CONTAINER):
        return "jxl"
    if len(head) < 12 or head[4:8] != b"ftyp":
        return None
    box_end = min(struct.unpack(">I", head[:4])[0], len(head))
    brands = {head[8:12]} | {head[i : i + 4] for i in range(16, box_end - 3, 4)}  # major, then compatible
    if brands & _AVIF_BRANDS:
        return "avif"
    if brands & _HEIF_BRANDS:
        return "heif"
    return None


def _register_avif() -> None:
    import PIL.AvifImagePlugin as avif_plugin  # Pillow's own; its codec is only in wheels from 11.3

    if not avif_plugin.SUPPORTED:
        raise ImportError("Pillow was built without AVIF support")


def _register_heif() -> None:
    import pillow_heif

    pillow_heif.register_heif_opener()


def _register_jxl() -> None:
    import pillow_jxl  # noqa: F401 - importing it registers the plugin


_REGISTER: Dict[str, Callable[[], None]] = {"avif": _register_avif, "heif": _register_heif, "jxl": _register_jxl}
_registered: set = set()
_lock = threading.Lock()


def ensure_plugin(fmt: str) -> str:
    """Register the plugin for ``fmt`` (once) and return Pillow's format name; raises :class:`PluginMissing`."""
    spec = PLUGIN_FORMATS[fmt]
    with _lock:
        if fmt not in _registered:
            try:
                _REGISTER[fmt]()
            except ImportError as exc:
                raise PluginMissing(f"unsupported format ({spec.label}: install {spec.package})") from exc
            _registered.add(fmt)
    return spec.pil_format


# ------------------------------------------------------------------ JPEG XL size header
_JXL_RATIOS = {1: (1, 1), 2: (12, 10), 3: (4, 3), 4: (3, 2), 5: (16, 9), 6: (5, 4), 7: (2, 1)}


class _Bits:
    """Reads little-endian bit fields, as JPEG XL headers are written."""

    def __init__(self, data: bytes) -> None:
        self.value = int.from_bytes(data, "little")
        self.pos = 0
        self.limit = 8 * len(data)

    def u(self, n: int) -> int:
        if self.pos + n > self.limit:
            raise EOFError("JPEG XL header is truncated")
        out = (self.value >> self.pos) & ((1 << n) - 1)
        self.pos += n
        return out

    def side(self, small: bool) -> int:
        if small:
            return (self.u(5) + 1) * 8
        return self.u((9, 13, 18, 30)[self.u(2)]) + 1


def _codestream_size(head: bytes) -> Tuple[int, int]:
    """(width, height) from the SizeHeader that follows a codestream's ``FF 0A`` signature."""
    if not head.startswith(JXL_CODESTREAM):
        raise SyntaxError("not a JPEG XL codestream")
    bits = _Bits(head[2:])
    small = bool(bits.u(1))
    height = bits.side(small)
    ratio = bits.u(3)
    if ratio == 0:
        return bits.side(small), height
    num, den = _JXL_RATIOS[ratio]
    return height * num // den, height


def jxl_size(fp: BinaryIO) -> Tuple[int, int]:
    """Declared (width, height) of a JPEG XL file (bare codestream or container); leaves ``fp`` at 0.

    Raises ``SyntaxError`` or ``EOFError`` for a file whose header cannot be read."""
    try:
        head = fp.read(16)
        if not head.startswith(JXL_CONTAINER):
            return _codestream_size(head)
        fp.seek(len(JXL_CONTAINER))
        while True:
            box = fp.read(8)
            if len(box) < 8:
                raise EOFError("JPEG XL container has no codestream")
            size, kind = struct.unpack(">I4s", box)
            header = 8
            if size == 1:
                size, header = struct.unpack(">Q", fp.read(8))[0], 16
            if kind == b"jxlc":
                return _codestream_size(fp.read(16))
            if kind == b"jxlp":
                return _codestream_size(fp.read(20)[4:])  # a 4-byte part index, then the codestream
            if size < header:  # 0: the box runs to the end of the file, and it holds no codestream
                raise SyntaxError("JPEG XL container has no codestream")
            fp.seek(size - header, 1)
    finally:
        fp.seek(0)
