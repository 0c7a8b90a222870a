"""Atomic writes: the target holds either the old or the whole new contents, never a temporary file."""

from __future__ import annotations

import pytest

from animeid_desktop.core.media.files import atomic_file, atomic_write


def test_atomic_write_creates_folders_and_replaces_the_old_contents(tmp_path):
    target = tmp_path / "a" / "b" / "meta.json"
    atomic_write(target, b"first")
    atomic_write(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["meta.json"]


def test_an_error_inside_the_block_keeps_the_old_file_and_removes_the_temporary(tmp_path):
    target = tmp_path / "weights.pth"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="checksum"):
        with atomic_file(target) as fh:
            fh.write(b"half a download")
            raise RuntimeError("checksum mismatch")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["weights.pth"]


def test_a_cache_write_without_fsync_still_lands_whole(tmp_path):
    target = tmp_path / "thumb.jpg"
    with atomic_file(target, durable=False) as fh:
        fh.write(b"\xff\xd8" + b"x" * 1000)
    assert target.stat().st_size == 1002
