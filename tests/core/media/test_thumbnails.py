"""The content-hash thumbnail cache."""

from __future__ import annotations

import pytest
from PIL import Image

from animeid_desktop.core.media import thumbnails
from animeid_desktop.core.media.hashing import file_sha256
from animeid_desktop.core.media.images import ImageError


def test_make_reuse_and_prune(tmp_path):
    src = tmp_path / "wide.png"
    Image.new("RGB", (600, 300), (200, 30, 40)).save(src)
    sha = file_sha256(src)
    cache = tmp_path / "thumbs"
    assert thumbnails.cached_thumbnail(cache, sha) is None
    path = thumbnails.ensure_thumbnail(cache, sha, src, size=128)
    assert path == cache / sha[:2] / f"{sha}.jpg"
    with Image.open(path) as im:
        assert im.size == (128, 64)
        r, g, b = im.getpixel((64, 32))
        assert r > 150 and g < 80
    stamp = path.stat().st_mtime_ns
    src.unlink()  # the cached copy is used without touching the source again
    assert thumbnails.ensure_thumbnail(cache, sha, src, size=128) == path
    assert path.stat().st_mtime_ns == stamp
    assert thumbnails.prune_thumbnails(cache, keep=[sha]) == 0
    assert thumbnails.prune_thumbnails(cache, keep=[]) == 1
    assert thumbnails.cached_thumbnail(cache, sha) is None


def test_broken_source_writes_nothing(tmp_path):
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    with pytest.raises(ImageError):
        thumbnails.ensure_thumbnail(tmp_path / "thumbs", "ab" * 32, bad)
    with pytest.raises(ImageError):
        thumbnails.ensure_thumbnail(tmp_path / "thumbs", "ab" * 32, tmp_path / "gone.png")
    assert not list((tmp_path / "thumbs").rglob("*.jpg"))
    with pytest.raises(ValueError):
        thumbnails.thumb_path(tmp_path, "../../etc")
