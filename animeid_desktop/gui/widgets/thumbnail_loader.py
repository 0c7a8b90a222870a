"""Thumbnails made off the GUI thread: a QThreadPool, a newest-first queue and a bounded pixmap LRU.

The view asks for the thumbnails it is painting; requests go on a stack so the rows that just
scrolled into view are served first, and the oldest requests fall off when the user scrolls fast.
Workers make (or reuse) the on-disk JPEG via :mod:`animeid_desktop.core.media.thumbnails` and decode it to
a ``QImage``; the GUI thread only turns finished images into pixmaps (cheap, 256 px).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage, QPixmap

from animeid_desktop.core.media.images import ImageError
from animeid_desktop.core.media.thumbnails import THUMB_SIZE, ensure_thumbnail
from animeid_desktop.gui.jobs import lower_thread_priority

MAX_QUEUED = 300
CACHE_BYTES = 160 * 1024 * 1024


class PixmapLRU:
    """QPixmaps by content hash, evicting the least recently used beyond ``max_bytes``."""

    def __init__(self, max_bytes: int = CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, QPixmap] = OrderedDict()
        self._bytes = 0

    @staticmethod
    def _cost(pixmap: QPixmap) -> int:
        return max(1, pixmap.width() * pixmap.height() * 4)

    def get(self, key: str) -> Optional[QPixmap]:
        pixmap = self._items.get(key)
        if pixmap is not None:
            self._items.move_to_end(key)
        return pixmap

    def put(self, key: str, pixmap: QPixmap) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            self._bytes -= self._cost(old)
        self._items[key] = pixmap
        self._bytes += self._cost(pixmap)
        while self._bytes > self.max_bytes and len(self._items) > 1:
            _, evicted = self._items.popitem(last=False)
            self._bytes -= self._cost(evicted)

    def clear(self) -> None:
        self._items.clear()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._items)

    @property
    def bytes_used(self) -> int:
        return self._bytes


def _work(loader: ThumbnailLoader) -> None:
    """One pool worker: serve the newest request until the stack is empty."""
    while True:
        job = loader._take()
        if job is None:
            return
        generation, thumbs_dir, sha, path = job
        try:
            file = ensure_thumbnail(thumbs_dir, sha, path, THUMB_SIZE)
            image = QImage(str(file))
            if image.isNull():
                raise ImageError("the cached thumbnail could not be read")
        except (ImageError, OSError) as exc:
            loader._finished(generation, sha, None, str(exc))
        except Exception as exc:  # never let a worker die silently with requests queued
            loader._finished(generation, sha, None, f"{type(exc).__name__}: {exc}")
        else:
            loader._finished(generation, sha, image, "")


class ThumbnailLoader(QObject):
    """Asynchronous thumbnail source shared by every thumbnail view of a library."""

    ready = Signal(str)  # sha256 whose pixmap is now available
    failed = Signal(str, str)  # sha256, reason
    _wake = Signal()  # internal: results are waiting (only plain signals cross threads)

    def __init__(self, threads: int = 2, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        # A Python pool, not QThreadPool + QRunnable subclasses: PySide deletes finished runnables
        # from the pool thread, which has crashed the interpreter (refcount errors) here.
        self.threads = max(1, threads)
        self.pool = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="thumbnails",
                                       initializer=lower_thread_priority, initargs=(5,))
        self._idle = threading.Condition()
        self._closed = False
        self.cache = PixmapLRU()
        self.errors: Dict[str, str] = {}
        self._lock = threading.RLock()
        self._stack: List[Tuple[int, Path, str, str]] = []
        self._queued: Set[str] = set()
        self._active_workers = 0
        self._generation = 0
        self._thumbs_dir: Optional[Path] = None
        self._results: List[Tuple[int, str, Optional[QImage], str]] = []
        self._wake.connect(self._drain)

    def set_thumbs_dir(self, thumbs_dir: Optional[Path]) -> None:
        """Switch library: forget queued work and cached pixmaps."""
        with self._lock:
            self._generation += 1
            self._stack.clear()
            self._queued.clear()
        self._thumbs_dir = thumbs_dir
        self.cache.clear()
        self.errors.clear()

    def pixmap(self, sha: str, path: str) -> Optional[QPixmap]:
        """The thumbnail if it is ready; otherwise None and it is queued (newest first)."""
        pixmap = self.cache.get(sha)
        if pixmap is not None or sha in self.errors or self._thumbs_dir is None or self._closed:
            return pixmap
        with self._lock:
            if sha in self._queued:
                # move it to the top: it is being painted now
                for n, item in enumerate(self._stack):
                    if item[2] == sha:
                        self._stack.append(self._stack.pop(n))
                        break
                return None
            self._stack.append((self._generation, self._thumbs_dir, sha, path))
            self._queued.add(sha)
            if len(self._stack) > MAX_QUEUED:
                dropped = self._stack.pop(0)
                self._queued.discard(dropped[2])
            start = self._active_workers < self.threads
            if start:
                self._active_workers += 1
        if start:
            self.pool.submit(_work, self)
        return None

    def pending(self) -> int:
        with self._lock:
            return len(self._stack) + self._active_workers

    def wait_idle(self, msecs: int = 10000) -> bool:
        """Block until no worker is busy (tests and shutdown)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._active_workers == 0, msecs / 1000.0)

    def shutdown(self) -> None:
        """Drop queued requests and stop the workers (window closing)."""
        self._closed = True
        with self._lock:
            self._stack.clear()
            self._queued.clear()
        self.pool.shutdown(wait=True, cancel_futures=True)

    # ---------------------------------------------------------------- worker side
    def _take(self) -> Optional[Tuple[int, Path, str, str]]:
        with self._lock:
            if self._stack:
                return self._stack.pop()
            self._active_workers -= 1
        with self._idle:
            self._idle.notify_all()
        return None

    def _finished(self, generation: int, sha: str, image: Optional[QImage], error: str) -> None:
        with self._lock:
            self._results.append((generation, sha, image, error))
            wake = len(self._results) == 1
        if wake:
            self._wake.emit()

    @Slot()
    def _drain(self) -> None:
        with self._lock:
            results, self._results = self._results, []
            for _generation, sha, _image, _error in results:
                self._queued.discard(sha)
            current = self._generation
        for generation, sha, image, error in results:
            if generation != current:
                continue
            if image is None:
                self.errors[sha] = error
                self.failed.emit(sha, error)
            else:
                self.cache.put(sha, QPixmap.fromImage(image))
                self.ready.emit(sha)
