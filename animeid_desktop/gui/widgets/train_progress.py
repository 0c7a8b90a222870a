"""The Training page's progress: the current stage, a progress bar and the time left in the stage."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from animeid_desktop.gui import training_text


def format_eta(seconds: float) -> str:
    """``1:05`` / ``12:00`` / ``1:02:03`` for a number of seconds."""
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class TrainProgress(QWidget):
    """Stage text, bar and ETA; the ETA is measured from the start of the current stage."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._stage_start = time.monotonic()
        self._stage_total = -1
        self.stage = QLabel(self.tr("Ready"))
        self.stage.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.eta = QLabel("")
        self.eta.setObjectName("Muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.stage, self.bar, self.eta):
            layout.addWidget(widget)

    def starting(self) -> None:
        """A run starts: no stage measured yet, the bar busy."""
        self._stage_total = -1
        self.stage.setText(self.tr("Starting…"))
        self.bar.setRange(0, 0)

    def show_progress(self, done: int, total: int, message: str) -> None:
        """A job's progress (``message``: the core's, translated here)."""
        now = time.monotonic()
        if total != self._stage_total or done == 0:
            self._stage_total, self._stage_start = total, now
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
            elapsed = now - self._stage_start
            if done > 0 and elapsed > 1.0:
                self.eta.setText(self.tr("{done} / {total} · about {eta} left").format(
                    done=f"{done:,}", total=f"{total:,}", eta=format_eta(elapsed / done * (total - done))))
            else:
                self.eta.setText(f"{done:,} / {total:,}")  # notr
        else:
            self.bar.setRange(0, 0)
        if message:
            self.stage.setText(training_text.message(message))

    def finished(self, succeeded: bool) -> None:
        """The run ended: the bar full or empty, no ETA."""
        self.bar.setRange(0, 1)
        self.bar.setValue(1 if succeeded else 0)
        self.eta.setText("")
