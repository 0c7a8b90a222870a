"""The job runner: results, errors, cancellation, replacement and throttling, on real QThreads."""

from __future__ import annotations

import threading
import time

import pytest

from animeid_desktop.core.errors import Cancelled, UserError
from animeid_desktop.core.progress import check_stop
from animeid_desktop.gui.jobs import JobControl, JobRunner, SyncJobRunner


def _count(c, n=50, delay=0.0):
    for i in range(n):
        check_stop(c.should_stop)
        c.progress(i + 1, n, f"item {i}")
        c.event(i)
        time.sleep(delay)
    return threading.current_thread().name


def test_result_arrives_in_gui_thread_from_worker_thread(qtbot):
    runner = JobRunner()
    job = runner.job("count", lambda c: _count(c))
    progress, events = [], []
    job.progress.connect(lambda d, t, m: progress.append((d, t, threading.current_thread() is threading.main_thread())))
    job.events.connect(lambda batch: events.extend(batch))
    with qtbot.waitSignal(job.succeeded, timeout=10000) as blocker:
        job.start()
    qtbot.waitUntil(lambda: job.state == "succeeded")
    assert blocker.args[0] != threading.main_thread().name  # ran elsewhere
    assert events == list(range(50))  # batched, but complete and in order
    assert progress[-1][:2] == (50, 50)  # the last progress always arrives
    assert all(in_main for _d, _t, in_main in progress)
    assert runner.wait_all(5)


def test_user_error_and_crash_become_failed(qtbot):
    runner = JobRunner()

    def bad(c):
        raise UserError("pictures/x.png: not an image; remove it")

    job = runner.job("x", bad)
    with qtbot.waitSignal(job.failed, timeout=10000) as blocker:
        job.start()
    assert blocker.args == ["pictures/x.png: not an image; remove it"]
    job2 = runner.job("x", lambda c: 1 / 0)
    with qtbot.waitSignal(job2.failed, timeout=10000):
        job2.start()
    assert job2.error.startswith("ZeroDivisionError") and "Traceback" in job2.detail


def test_cancel_and_replacement(qtbot):
    runner = JobRunner()
    started = threading.Event()

    def slow(c):
        started.set()
        while True:
            check_stop(c.should_stop)
            time.sleep(0.01)

    job = runner.job("train", slow)
    with qtbot.waitSignal(job.cancelled, timeout=10000):
        job.start()
        assert started.wait(5)
        job.cancel()
    assert job.state == "cancelled"

    started.clear()
    first = runner.job("train", slow)
    seen = []
    first.cancelled.connect(lambda: seen.append("first cancelled"))
    first.start()
    assert started.wait(5)
    second = runner.job("train", lambda c: "second")
    with qtbot.waitSignal(second.succeeded, timeout=10000):
        second.start()  # replaces (and cancels) the first
    qtbot.waitUntil(lambda: first.state == "cancelled", timeout=10000)
    assert seen == []  # a superseded job stays silent
    assert runner.current("train") is None


def test_control_throttles_progress_but_keeps_the_last():
    sent = []
    control = JobControl(lambda d, t, m: sent.append(d), lambda batch: sent.append(("events", len(batch))),
                         throttle_s=10.0)
    for i in range(1, 1001):
        control.progress(i, 1000)
    control.progress(1000, 1000)  # repeated value: not sent again
    assert sent == [1, 1000]
    for i in range(5):
        control.event(i)
    control.flush()
    assert sent[-2:] == [("events", 1), ("events", 4)]


def test_sync_runner_runs_inline():
    runner = SyncJobRunner()
    job = runner.job("x", lambda c: (c.progress(1, 1), 42)[1])
    got = []
    job.succeeded.connect(got.append)
    job.start()
    assert got == [42] and job.state == "succeeded"
    job = runner.job("x", lambda c: (_ for _ in ()).throw(Cancelled()))
    job.start()
    assert job.state == "cancelled"


@pytest.mark.parametrize("slot", ["a", "b"])
def test_busy_reflects_running_jobs(qtbot, slot):
    runner = JobRunner()
    gate = threading.Event()
    job = runner.job(slot, lambda c: gate.wait(5))
    job.start()
    assert runner.busy()
    with qtbot.waitSignal(job.finished, timeout=10000):
        gate.set()
    assert not runner.busy()


def test_stall_monitor_sees_a_blocked_event_loop(qtbot):
    from PySide6.QtCore import QTimer

    from animeid_desktop.gui.heartbeat import StallMonitor

    monitor = StallMonitor(interval_ms=10)
    monitor.start()
    monitor.phase("blocked")
    QTimer.singleShot(50, lambda: time.sleep(0.15))  # the GUI thread sleeps: a 150 ms freeze
    qtbot.wait(400)
    monitor.stop()
    assert monitor.worst_ms >= 120 and monitor.phases["blocked"][0] >= 120
    assert monitor.worst_busy_ms < 100  # sleeping is waiting, not working
    assert monitor.ticks > 5
