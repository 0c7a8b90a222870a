"""Measure GUI-thread stalls: a fast QTimer whose late ticks show how long the event loop was blocked."""

from __future__ import annotations

import threading
import time
from typing import Dict, Optional, Tuple

from PySide6.QtCore import QObject, QTimer


def _cpu_and_wait_ms(tid: int) -> Tuple[float, Optional[float]]:
    """This thread's CPU time and (on Linux) its time spent runnable but waiting for a CPU, in ms."""
    try:
        with open(f"/proc/self/task/{tid}/schedstat", encoding="ascii") as fh:
            on_cpu, waiting, _slices = fh.read().split()
        return int(on_cpu) / 1e6, int(waiting) / 1e6
    except (OSError, ValueError):
        return time.thread_time() * 1000.0, None


class StallMonitor(QObject):
    """Ticks every ``interval_ms``; ``worst_ms`` is the longest extra delay between two ticks.

    A tick that comes 130 ms after the previous one with a 10 ms interval means the GUI thread was
    blocked for about 120 ms: that is what the user feels as a freeze. For the worst stall it also
    records where the time went: ``worst_busy_ms`` (the GUI thread ran: our own work) and, on Linux,
    ``worst_cpu_wait_ms`` (it was ready to run but the machine gave it no CPU: other load). The rest
    is time it slept on something (a lock, the GIL).
    """

    def __init__(self, interval_ms: int = 10, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self._tid = threading.get_native_id()
        self._last: Optional[float] = None
        self._last_cpu = 0.0
        self._last_wait: Optional[float] = None
        self.worst_ms = 0.0
        self.worst_busy_ms = 0.0
        self.worst_cpu_wait_ms: Optional[float] = None
        self.ticks = 0
        self.phases: Dict[str, Tuple[float, float]] = {}  # name -> (worst stall, GUI busy during it)
        self._phase: Optional[str] = None

    def _reset_clock(self) -> None:
        self._last = time.perf_counter()
        self._last_cpu, self._last_wait = _cpu_and_wait_ms(self._tid)

    def start(self) -> None:
        self._reset_clock()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self._last = None

    def phase(self, name: Optional[str]) -> None:
        """Attribute the stalls measured from now on to ``name`` (None: to no phase)."""
        self._phase = name
        if name is not None:
            self.phases.setdefault(name, (0.0, 0.0))
        self._reset_clock()

    def describe_worst(self) -> str:
        """``"230 ms (GUI thread busy 12 ms, waiting for a CPU 210 ms)"``."""
        text = f"{self.worst_ms:.0f} ms (GUI thread busy {self.worst_busy_ms:.0f} ms"
        if self.worst_cpu_wait_ms is not None:
            text += f", waiting for a CPU {self.worst_cpu_wait_ms:.0f} ms"
        return text + ")"

    def _tick(self) -> None:
        now = time.perf_counter()
        cpu, wait = _cpu_and_wait_ms(self._tid)
        if self._last is not None:
            stall = max(0.0, (now - self._last) * 1000.0 - self.interval_ms)
            busy = cpu - self._last_cpu
            if stall > self.worst_ms:
                self.worst_ms, self.worst_busy_ms = stall, busy
                self.worst_cpu_wait_ms = None if wait is None or self._last_wait is None else wait - self._last_wait
            if self._phase is not None and stall > self.phases[self._phase][0]:
                self.phases[self._phase] = (stall, busy)
        self._last, self._last_cpu, self._last_wait = now, cpu, wait
        self.ticks += 1
