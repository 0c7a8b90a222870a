"""Decode large previews off the GUI thread (a full-size photo can take longer than a frame)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from animeid_desktop.core.media.images import ImageError, load_rgb
from animeid_desktop.gui.jobs import lower_thread_priority


def pil_to_qimage(img) -> QImage:
    """An RGB PIL image as a QImage that owns its pixels."""
    rgb = img.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    return QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888).copy()


class PreviewLoader(QObject):
    """Ask for a preview with :meth:`request`; ``loaded`` fires only for the latest request."""

    loaded = Signal(object, str)  # QImage or None, error text (GUI thread only)
    _wake = Signal()  # only a plain signal crosses threads; results wait in ``_results``

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="preview",
                                       initializer=lower_thread_priority, initargs=(5,))
        self._token = 0
        self._lock = threading.Lock()
        self._results: list = []
        self._wake.connect(self._deliver)

    def request(self, path: str, size: int = 640) -> None:
        self._token += 1
        self.pool.submit(self._decode, self._token, path, size)

    def cancel(self) -> None:
        self._token += 1

    def _decode(self, token: int, path: str, size: int) -> None:
        if token != self._token:  # a newer request came in meanwhile: skip this one
            return
        try:
            img = load_rgb(path, target=size)
            img.thumbnail((size, size))
            image, error = pil_to_qimage(img), ""
        except ImageError as exc:
            image, error = None, str(exc)
        except OSError as exc:
            image, error = None, exc.strerror or str(exc)
        with self._lock:
            self._results.append((token, image, error))
        self._wake.emit()

    @Slot()
    def _deliver(self) -> None:
        with self._lock:
            results, self._results = self._results, []
        for token, image, error in results:
            if token == self._token:
                self.loaded.emit(image, error)
