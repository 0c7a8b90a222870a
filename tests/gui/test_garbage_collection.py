"""Python's cycle collector runs in the GUI thread only, so no worker thread ever deletes Qt objects."""

from __future__ import annotations

import gc
import threading

from animeid_desktop.gui.app import collect_garbage_in_gui_thread


class _Cycle:
    def __init__(self, seen: list) -> None:
        self.me, self.seen = self, seen

    def __del__(self) -> None:
        self.seen.append(threading.current_thread() is threading.main_thread())


def test_garbage_made_in_a_worker_is_collected_by_the_gui_thread(qapp, qtbot):
    collect_garbage_in_gui_thread()
    assert not gc.isenabled()
    seen: list = []

    def make() -> None:  # well past the first generation's threshold: a worker would collect here
        for _ in range(5000):
            _Cycle(seen)

    worker = threading.Thread(target=make)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(seen) == 5000, timeout=10_000)  # the GUI thread's timer collects them
    assert all(seen)
