"""Run core jobs off the GUI thread and hand their progress back as Qt signals.

A job is a plain function ``func(control)``; it calls the core with
``on_progress=control.progress, should_stop=control.should_stop, on_event=control.event``.
:class:`JobRunner` runs it in a worker ``QObject`` moved to its own ``QThread``; the worker only
emits signals (never touches widgets), throttled so the GUI thread sees at most ~20 progress
updates a second and events arrive in batches. Jobs live in named slots: starting a job in a busy
slot cancels the old one and silences its results. :class:`SyncJobRunner` runs jobs inline for
deterministic tests. Each worker thread closes its own library connection when it finishes.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from typing import Any, Callable, Dict, List, Optional

from PySide6.QtCore import QObject, QThread, Signal, Slot

from animeid_desktop.core.errors import Cancelled, UserError
from animeid_desktop.core.library.folder import Library
from animeid_desktop.gui.core_text import translated

THROTTLE_S = 0.05
WORKER_NICENESS = 10


def lower_thread_priority(niceness: int = WORKER_NICENESS) -> None:
    """Make the calling worker thread yield the CPU to the GUI thread when both want it.

    Linux keeps a nice value per thread (threads it starts, e.g. torch's, inherit it); elsewhere
    Qt's thread priority is used. Best effort: failures are ignored.
    """
    try:
        if sys.platform.startswith("linux"):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), niceness)
        else:
            thread = QThread.currentThread()
            if thread is not None:
                thread.setPriority(QThread.Priority.LowPriority)
    except (OSError, AttributeError, RuntimeError):
        pass


class JobControl:
    """What a job function gets: progress/event callbacks and the stop flag (thread-safe)."""

    def __init__(self, emit_progress: Callable[[int, int, str], None], emit_events: Callable[[list], None],
                 throttle_s: float = THROTTLE_S) -> None:
        self._emit_progress = emit_progress
        self._emit_events = emit_events
        self._throttle = throttle_s
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._last_progress: Optional[tuple] = None
        self._pending_progress: Optional[tuple] = None
        self._progress_at = 0.0
        self._events: List[Any] = []
        self._events_at = 0.0

    def should_stop(self) -> bool:
        """True once the job was cancelled; core loops raise ``Cancelled`` when they see it."""
        return self._stop.is_set()

    def stop(self) -> None:
        self._stop.set()

    def progress(self, done: int, total: int, message: str = "") -> None:
        """Report progress; emitted only when it moves, at most every ``THROTTLE_S`` (last one always)."""
        value = (int(done), int(total), str(message or ""))
        with self._lock:
            if value == self._last_progress:
                return
            now = time.monotonic()
            if now - self._progress_at < self._throttle and done < total:
                self._pending_progress = value
                return
            self._last_progress, self._pending_progress, self._progress_at = value, None, now
        self._emit_progress(*value)

    def event(self, event: Any) -> None:
        """Queue an event (e.g. a ``TrainEvent``); delivered in batches every ``THROTTLE_S``."""
        with self._lock:
            self._events.append(event)
            now = time.monotonic()
            if now - self._events_at < self._throttle:
                return
            batch, self._events, self._events_at = self._events, [], now
        self._emit_events(batch)

    def flush(self) -> None:
        """Deliver whatever is still buffered (called when the job ends)."""
        with self._lock:
            batch, self._events = self._events, []
            pending, self._pending_progress = self._pending_progress, None
            if pending is not None:
                self._last_progress = pending
        if batch:
            self._emit_events(batch)
        if pending is not None:
            self._emit_progress(*pending)


class Job(QObject):
    """GUI-side handle of one job. Signals arrive in the GUI thread."""

    progress = Signal(int, int, str)
    events = Signal(list)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()  # always last, after succeeded / failed / cancelled

    def __init__(self, runner: BaseJobRunner, slot: str, func: Callable[[JobControl], Any],
                 lib: Optional[Library] = None, title: str = "") -> None:
        super().__init__()
        self.runner, self.slot, self.func, self.lib, self.title = runner, slot, func, lib, title
        self.state = "new"  # new, running, succeeded, failed, cancelled
        self.result: Any = None
        self.error = ""
        self.detail = ""
        self.superseded = False
        self.control: Optional[JobControl] = None

    def start(self) -> Job:
        """Run the job (cancelling whatever ran in the same slot); returns self."""
        self.runner.launch(self)
        return self

    def cancel(self) -> None:
        """Ask the job to stop at its next safe point."""
        if self.control is not None:
            self.control.stop()

    @property
    def running(self) -> bool:
        return self.state == "running"

    # called in the GUI thread by the runner
    def _finish(self, state: str, payload: Any, detail: str = "") -> None:
        self.state = state
        if not self.superseded:
            if state == "succeeded":
                self.result = payload
                self.succeeded.emit(payload)
            elif state == "failed":
                self.error, self.detail = str(payload), detail
                self.failed.emit(str(payload))
            else:
                self.cancelled.emit()
        self.finished.emit()

    @Slot(int, int, str)
    def _forward_progress(self, done: int, total: int, message: str) -> None:
        if not self.superseded:
            self.progress.emit(done, total, translated(message))

    @Slot(list)
    def _forward_events(self, batch: list) -> None:
        if not self.superseded:
            self.events.emit(batch)

    @Slot()
    def _worker_woke(self) -> None:
        worker = self.runner._worker_of(self)
        if worker is None:
            return
        progress, events, outcome = worker.take()
        if progress is not None:
            self._forward_progress(*progress)
        if events:
            self._forward_events(events)
        if outcome is not None:
            self.runner._worker_done(self, *outcome)


def _execute(job: Job, control: JobControl) -> tuple:
    """Run a job function and classify the outcome as (state, payload, detail)."""
    try:
        result = job.func(control)
    except Cancelled:
        return "cancelled", None, ""
    except UserError as exc:
        return "failed", str(exc), ""
    except Exception as exc:  # report every failure to the user instead of killing the thread
        return "failed", f"{type(exc).__name__}: {exc}", traceback.format_exc()
    finally:
        control.flush()
        if job.lib is not None:
            job.lib.close()  # this thread's connection only
    return "succeeded", result, ""  # a job that returns after a stop request reports it in its result


class _Worker(QObject):
    """Lives in the job's thread. Python objects (events, results) wait in a locked mailbox and
    only argument-free or plain-typed signals cross the thread boundary."""

    wake = Signal()

    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self._lock = threading.Lock()
        self._progress: Optional[tuple] = None
        self._events: List[Any] = []
        self._outcome: Optional[tuple] = None
        self.control = JobControl(self._post_progress, self._post_events)

    def _post_progress(self, done: int, total: int, message: str) -> None:
        with self._lock:
            self._progress = (done, total, message)
        self.wake.emit()

    def _post_events(self, batch: list) -> None:
        with self._lock:
            self._events.extend(batch)
        self.wake.emit()

    def take(self) -> tuple:
        """(latest progress or None, events, outcome or None) waiting for the GUI thread: one
        mailbox, so the GUI always sees them in the order the job produced them."""
        with self._lock:
            progress, self._progress = self._progress, None
            events, self._events = self._events, []
            return progress, events, self._outcome

    @Slot()
    def run(self) -> None:
        lower_thread_priority()
        outcome = _execute(self.job, self.control)
        with self._lock:
            self._outcome = outcome
        self.wake.emit()


class BaseJobRunner(QObject):
    """Slot bookkeeping shared by the threaded and the synchronous runner."""

    jobStarted = Signal(object)
    jobFinished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._slots: Dict[str, Job] = {}

    def job(self, slot: str, func: Callable[[JobControl], Any], lib: Optional[Library] = None,
            title: str = "") -> Job:
        """Create (not start) a job; connect its signals, then call ``job.start()``."""
        return Job(self, slot, func, lib, title)

    def current(self, slot: str) -> Optional[Job]:
        """The running job in ``slot``, if any."""
        job = self._slots.get(slot)
        return job if job is not None and job.running else None

    def busy(self) -> bool:
        return any(j.running for j in self._slots.values())

    def cancel(self, slot: str) -> None:
        job = self.current(slot)
        if job is not None:
            job.cancel()

    def cancel_all(self) -> None:
        for job in list(self._slots.values()):
            job.cancel()

    def launch(self, job: Job) -> None:
        old = self.current(job.slot)
        if old is not None and old is not job:
            old.superseded = True
            old.cancel()
        self._slots[job.slot] = job
        job.state = "running"
        self.jobStarted.emit(job)
        self._run(job)

    def _run(self, job: Job) -> None:
        raise NotImplementedError

    def _worker_done(self, job: Job, state: str, payload: Any, detail: str) -> None:
        self._done(job, state, payload, detail)

    def _worker_of(self, job: Job):
        return None

    def _done(self, job: Job, state: str, payload: Any, detail: str) -> None:
        if self._slots.get(job.slot) is job:
            del self._slots[job.slot]
        job._finish(state, payload, detail)
        self.jobFinished.emit(job)

    def wait_all(self, timeout_s: float = 10.0) -> bool:
        """Block until every job thread ended (used on shutdown); True when all did."""
        return True


class JobRunner(BaseJobRunner):
    """Runs each job in a worker object on its own QThread."""

    def __init__(self) -> None:
        super().__init__()
        self._threads: Dict[Job, tuple] = {}

    def _run(self, job: Job) -> None:
        thread = QThread()
        thread.setObjectName(f"job-{job.slot}")
        worker = _Worker(job)
        job.control = worker.control
        worker.moveToThread(thread)
        worker.wake.connect(job._worker_woke)
        thread.started.connect(worker.run)
        self._threads[job] = (thread, worker)
        thread.start()

    def _worker_of(self, job: Job) -> Optional[_Worker]:
        entry = self._threads.get(job)
        return entry[1] if entry is not None else None

    def _worker_done(self, job: Job, state: str, payload: Any, detail: str) -> None:
        thread, _worker = self._threads.pop(job, (None, None))
        if thread is not None:
            thread.quit()
            thread.wait(5000)
        self._done(job, state, payload, detail)

    def wait_all(self, timeout_s: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout_s
        ok = True
        for thread, _worker in list(self._threads.values()):
            remaining = max(0, int((deadline - time.monotonic()) * 1000))
            thread.quit()
            ok = thread.wait(remaining) and ok
        return ok


class SyncJobRunner(BaseJobRunner):
    """Runs jobs inline in the calling thread: deterministic, for tests."""

    def _run(self, job: Job) -> None:
        control = JobControl(job._forward_progress, job._forward_events, throttle_s=0.0)
        job.control = control
        lib, job.lib = job.lib, None  # same thread as the GUI: keep its connection open
        state, payload, detail = _execute(job, control)
        job.lib = lib
        self._done(job, state, payload, detail)
