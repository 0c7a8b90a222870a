"""Thumbnails are made off the GUI thread, cached on disk and in a bounded pixmap LRU."""

from __future__ import annotations

from PIL import Image
from PySide6.QtGui import QPixmap

from animeid_desktop.core.media.hashing import file_sha256
from animeid_desktop.core.media.thumbnails import thumb_path
from animeid_desktop.gui.widgets.thumbnail_loader import PixmapLRU, ThumbnailLoader


def test_loader_makes_disk_and_memory_thumbnails(qtbot, tmp_path):
    good = tmp_path / "good.png"
    Image.new("RGB", (400, 200), (10, 200, 30)).save(good)
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8\xffnot a jpeg at all")
    loader = ThumbnailLoader(threads=2)
    loader.set_thumbs_dir(tmp_path / "thumbs")
    sha = file_sha256(good)
    with qtbot.waitSignal(loader.ready, timeout=10000) as got:
        assert loader.pixmap(sha, str(good)) is None  # queued, not made on this thread
    assert got.args == [sha]
    pixmap = loader.pixmap(sha, str(good))
    assert pixmap is not None and (pixmap.width(), pixmap.height()) == (256, 128)
    assert thumb_path(tmp_path / "thumbs", sha).is_file()
    with qtbot.waitSignal(loader.failed, timeout=10000) as failed:
        loader.pixmap("ab" * 32, str(bad))
    assert failed.args[0] == "ab" * 32 and failed.args[1]
    assert loader.wait_idle(5000)
    assert loader.pixmap("ab" * 32, str(bad)) is None and loader.pending() == 0  # not retried


def test_lru_is_bounded_by_bytes(qapp):
    lru = PixmapLRU(max_bytes=3 * 100 * 100 * 4)
    for n in range(5):
        pm = QPixmap(100, 100)
        lru.put(str(n), pm)
    assert len(lru) == 3 and lru.get("0") is None and lru.get("4") is not None
    lru.get("2")  # touch: now "3" is the oldest
    lru.put("5", QPixmap(100, 100))
    assert lru.get("3") is None and lru.get("2") is not None
    assert lru.bytes_used <= lru.max_bytes


def test_model_updates_keep_the_view_where_they_can(qapp):
    from animeid_desktop.gui.widgets.thumbnail_model import ThumbnailModel

    model = ThumbnailModel(ThumbnailLoader(threads=1))
    events = []
    model.rowsInserted.connect(lambda _p, first, last: events.append(("insert", first, last)))
    model.rowsRemoved.connect(lambda _p, first, last: events.append(("remove", first, last)))
    model.modelReset.connect(lambda: events.append(("reset",)))
    model.set_ids(list(range(1, 11)))
    model.set_ids(list(range(1, 14)))  # an import appended three images
    model.set_ids([1, 2, 5, 6, 9, 11, 12, 13])  # labelled images left an "unlabelled" view
    assert events == [("reset",), ("insert", 10, 12), ("remove", 9, 9), ("remove", 6, 7), ("remove", 2, 3)]
    assert model.ids() == [1, 2, 5, 6, 9, 11, 12, 13] and model.row_of(9) == 4
    model.set_ids([2, 1])  # reordered: a reset
    assert events[-1] == ("reset",) and model.row_of(1) == 1
