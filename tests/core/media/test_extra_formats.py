"""AVIF, HEIC/HEIF and JPEG XL: sniffing, lazy plugins, size limits, import and every decode path."""

from __future__ import annotations

import io
import struct
import sys

import numpy as np
import pytest
from PIL import Image

from animeid_desktop.core.engine.preprocess import Preprocessing, load_input
from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.core.media import extra_formats
from animeid_desktop.core.media.extra_formats import jxl_size, sniff_plugin_format
from animeid_desktop.core.media.images import ImageError, load_rgb, sniff_format
from animeid_desktop.core.media.perceptual_hashes import image_hashes
from animeid_desktop.core.media.scanning import scan_paths
from animeid_desktop.core.media.thumbnails import ensure_thumbnail
from tests.core.badfiles import LARGE, mode_images

EXT = {"avif": ".avif", "heif": ".heic", "jxl": ".jxl"}


def hash_file(path):
    """``(dhash, phash)`` the way the hash cache computes them (decoded at reduced scale)."""
    return image_hashes(load_rgb(path, target=64))


def _picture(size=LARGE) -> Image.Image:
    return Image.open(io.BytesIO(mode_images(size)["rgba.png"][1])).convert("RGB")


def _encode(fmt: str, img: Image.Image, **kw) -> bytes:
    """The format's own encoder, or a skip when it is not installed."""
    buf = io.BytesIO()
    if fmt == "avif":
        from PIL import features

        if not features.check("avif"):
            pytest.skip("this Pillow has no AVIF codec")
        img.save(buf, "AVIF", quality=60, speed=10)
    elif fmt == "heif":
        pillow_heif = pytest.importorskip("pillow_heif")
        if not pillow_heif.libheif_info()["HEIF"]:
            pytest.skip("libheif has no HEVC encoder")
        pillow_heif.from_pillow(img).save(buf, format="HEIF", quality=60)
    else:
        pytest.importorskip("pillow_jxl")
        img.save(buf, "JXL", effort=1, **kw)
    return buf.getvalue()


@pytest.mark.parametrize("head,expected", [
    (b"\x00\x00\x00\x20ftypavif\x00\x00\x00\x00avifmif1miafMA1B", "avif"),
    (b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1avif", "avif"),  # AVIF only among compatible brands
    (b"\x00\x00\x00\x18ftypavis\x00\x00\x00\x00avismsf1", "avif"),
    (b"\x00\x00\x00\x1cftypheic\x00\x00\x00\x00mif1heicmiaf", "heif"),
    (b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1heic", "heif"),
    (b"\x00\x00\x00\x18ftypheix\x00\x00\x00\x00mif1heix", "heif"),
    (b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00isommp42", None),  # a video is no image
    (b"\x00\x00\x00\x10ftypmp42\x00\x00\x00\x00avif", None),  # "avif" after the ftyp box: not a brand
    (b"\xff\x0a\xfa\x7f", "jxl"),
    (b"\x00\x00\x00\x0cJXL \r\n\x87\n\x00\x00\x00\x14ftypjxl ", "jxl"),
    (b"\xff\x0b", None),
])
def test_sniffing_by_content(head, expected):
    assert sniff_plugin_format(head) == expected
    assert sniff_format(head) == expected


@pytest.mark.parametrize("fmt", sorted(EXT))
def test_new_formats_import_and_decode_on_every_path(fmt, library, tmp_path):
    data = _encode(fmt, _picture())
    folder = tmp_path / "art" / "aka"
    folder.mkdir(parents=True)
    path = folder / f"picture{EXT[fmt]}"
    path.write_bytes(data)
    assert [c.path for c in scan_paths([tmp_path / "art"]).files] == [str(path)]
    report = import_paths(library, [tmp_path / "art"])
    assert report.skipped == [] and report.added == 1
    row = library.query("SELECT format, width, height, sha256 FROM images")[0]
    assert (row["format"], row["width"], row["height"]) == (fmt, *LARGE)
    full = np.asarray(load_rgb(path), dtype=np.float32)
    original = np.asarray(_picture(), dtype=np.float32)
    assert float(np.abs(full - original).mean()) < 12  # the same picture, give or take lossy coding
    assert 128 <= min(load_rgb(path, target=128).size) < 256  # reduced decode
    thumb = Image.open(ensure_thumbnail(tmp_path / "thumbs", row["sha256"], path))
    assert max(thumb.size) == 256
    assert load_input(str(path), Preprocessing(224, (0.5,) * 3, (0.5,) * 3)).shape == (224, 224, 3)
    _picture().save(tmp_path / "original.png")
    for ours, theirs in zip(hash_file(path), hash_file(tmp_path / "original.png")):
        assert bin(ours ^ theirs).count("1") <= 8  # perceptually the same picture


def test_plugins_are_registered_only_when_such_a_file_is_met(monkeypatch):
    monkeypatch.setattr(extra_formats, "_registered", set())
    calls = []
    monkeypatch.setattr(extra_formats, "_REGISTER", {k: (lambda k=k: calls.append(k)) for k in EXT})
    load_rgb(mode_images((40, 30))["palette.png"][1])
    assert calls == []
    with pytest.raises(ImageError):
        load_rgb(b"\xff\x0a" + b"\x00" * 40)
    with pytest.raises(ImageError):
        load_rgb(b"\xff\x0a" + b"\x00" * 40)
    assert calls == ["jxl"]  # once


@pytest.mark.parametrize("fmt,module,head", [
    ("avif", "PIL.AvifImagePlugin", b"\x00\x00\x00\x18ftypavif\x00\x00\x00\x00avifmif1"),
    ("heif", "pillow_heif", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"),
    ("jxl", "pillow_jxl", b"\xff\x0a\xfa\x7f\x00\x00"),
])
def test_a_missing_plugin_is_named(fmt, module, head, monkeypatch, library, tmp_path):
    monkeypatch.setattr(extra_formats, "_registered", set())
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    spec = extra_formats.PLUGIN_FORMATS[fmt]
    reason = f"unsupported format ({spec.label}: install {spec.package})"
    data = head + b"\x00" * 200
    with pytest.raises(ImageError) as exc:
        load_rgb(data)
    assert str(exc.value) == reason
    (tmp_path / f"a{EXT[fmt]}").write_bytes(data)
    report = import_paths(library, [tmp_path / f"a{EXT[fmt]}"])
    assert [r for _p, r in report.skipped] == [reason]


def _jxl_header(width_minus_1: int, height_minus_1: int) -> bytes:
    """A bare codestream SizeHeader (not small, 30-bit sides, explicit width) and nothing else."""
    bits = 0 | (3 << 1) | (height_minus_1 << 3) | (0 << 33) | (3 << 36) | (width_minus_1 << 38)
    return b"\xff\x0a" + bits.to_bytes(9, "little")


def test_jxl_size_header_matches_the_encoder():
    pytest.importorskip("pillow_jxl")
    for w, h in [(1, 1), (8, 8), (37, 1001), (513, 7), (1200, 900), (1920, 1080), (96, 64)]:
        img = Image.new("RGB", (w, h), (10, 20, 30))
        assert jxl_size(io.BytesIO(_encode("jxl", img))) == (w, h)
        assert jxl_size(io.BytesIO(_encode("jxl", img, use_container=True))) == (w, h)
    assert jxl_size(io.BytesIO(_jxl_header(99_999, 4))) == (100_000, 5)


def test_jxl_bombs_are_refused_before_decoding():
    pytest.importorskip("pillow_jxl")
    with pytest.raises(ImageError, match="safety limit"):
        load_rgb(_jxl_header(40_000, 40_000) + b"\x00" * 64)
    with pytest.raises(ImageError, match="side over"):
        load_rgb(_jxl_header(200_000, 0) + b"\x00" * 64)
    container = extra_formats.JXL_CONTAINER + struct.pack(">I4s", 9, b"jxll") + b"\x05"
    container += struct.pack(">I4s", 8 + 11, b"jxlc") + _jxl_header(40_000, 40_000)
    with pytest.raises(ImageError, match="safety limit"):
        load_rgb(container)
    with pytest.raises(ImageError, match="truncated"):
        load_rgb(b"\xff\x0a\x01")


def test_heif_and_avif_keep_the_pixel_limit():
    for fmt in ("avif", "heif"):
        data = _encode(fmt, _picture((64, 48)))
        with pytest.raises(ImageError, match="safety limit"):
            load_rgb(data, max_pixels=1000)
        assert load_rgb(data).size == (64, 48)
