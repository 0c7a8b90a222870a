"""Measure GUI-thread stalls: a fast QTimer whose late ticks show how long the event loop was blocked."""

from __future__ import annotations

import time
from typing import Dict, Optional, Tuple

from PySide6.QtCore import QObject, QTimer


class StallMonitor(QObject):
    """Ticks every ``interval_ms``; ``worst_ms`` is the longest extra delay between two ticks.

    A tick that comes 130 ms after the previous one with a 10 ms interval means the GUI thread was
    busy (or starved) for about 120 ms: that is what the user feels as a freeze. ``worst_busy_ms``
    tells the two apart: the GUI thread's own CPU time during the worst stall (small = it was
    waiting for the CPU or the GIL, not working).
    """

    def __init__(self, interval_ms: int = 10, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self._last: Optional[float] = None
        self._last_cpu = 0.0
        self.worst_ms = 0.0
        self.worst_busy_ms = 0.0  # GUI-thread CPU time during the worst stall (the rest is waiting)
        self.ticks = 0
        self.phases: Dict[str, Tuple[float, float]] = {}  # name -> (worst stall, GUI busy during it)
        self._phase: Optional[str] = None

    def start(self) -> None:
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self._last = None

    def phase(self, name: Optional[str]) -> None:
        """Attribute the stalls measured from now on to ``name`` (None: to no phase)."""
        self._phase = name
        if name is not None:
            self.phases.setdefault(name, (0.0, 0.0))
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if self._last is not None:
            stall = max(0.0, (now - self._last) * 1000.0 - self.interval_ms)
            busy = (cpu - self._last_cpu) * 1000.0
            if stall > self.worst_ms:
                self.worst_ms, self.worst_busy_ms = stall, busy
            if self._phase is not None and stall > self.phases[self._phase][0]:
                self.phases[self._phase] = (stall, busy)
        self._last, self._last_cpu = now, cpu
        self.ticks += 1
