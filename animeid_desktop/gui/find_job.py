"""Shared wiring for pages whose "Find …" button runs one background job (clusters, duplicates)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QWidget

from animeid_desktop.gui import dialogs


def start_find_job(page: QWidget, job, button: QPushButton, progress: QProgressBar, status: QLabel,
                   on_result: Callable) -> object:
    """Connect ``job`` to the page's button, progress bar and status line, then start it."""

    def on_progress(done: int, total: int, message: str) -> None:
        progress.setRange(0, max(0, total))
        progress.setValue(done)
        status.setText(message)

    job.progress.connect(on_progress)
    job.succeeded.connect(on_result)
    job.failed.connect(lambda message: dialogs.show_error(page, message))
    job.finished.connect(lambda: (progress.hide(), button.setEnabled(True)))
    button.setEnabled(False)
    progress.setRange(0, 0)
    progress.show()
    job.start()
    return job
