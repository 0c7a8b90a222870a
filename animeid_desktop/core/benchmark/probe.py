"""Measure one model in a fresh process: speed at batch 1 and batch N, parameters, file size, peak memory.

:func:`measure` runs inside a child process started by :mod:`animeid_desktop.core.benchmark.runner` (one per
model, so the memory of one model never counts for the next). It builds the recogniser exactly as
recognition runs it (eval mode, channels-last, ``inference_mode``, the device's autocast), times the
forward pass on random input of the model's input size (decoding is not included), and reports peak
memory *added* by loading and running the model: on Linux the kernel's resettable high-water mark
(``VmHWM``), elsewhere a 5 ms RSS sampler; on a GPU additionally ``torch.cuda.max_memory_allocated``.

Speed does not depend on the weights' values, so an untrained model is timed with random weights and
its file size is that of a freshly saved fp32 safetensors model (no optimizer state) of the same shape.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import Callable, List, Optional

MB = 1_000_000  # file and memory sizes are reported in MB of 10^6 bytes
SendFn = Callable[[dict], None]


# ------------------------------------------------------------------------------------------ memory
def _proc_status_kb(field: str) -> Optional[int]:
    try:
        text = Path("/proc/self/status").read_text()
    except OSError:
        return None
    match = re.search(rf"^{field}:\s+(\d+)\s+kB", text, re.MULTILINE)
    return int(match.group(1)) if match else None


def _rss_bytes() -> int:
    kb = _proc_status_kb("VmRSS")
    if kb is not None:
        return kb * 1024
    import psutil

    return int(psutil.Process().memory_info().rss)


class PeakMemory:
    """Peak resident memory of this process above the level at :meth:`start`, in bytes."""

    def __init__(self, interval_s: float = 0.005) -> None:
        self.interval_s = interval_s
        self.method = "rss-sampler"
        self.baseline = 0
        self._peak = 0
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None

    def start(self) -> None:
        gc.collect()  # garbage of earlier work freed inside the window would hide what the window adds
        self.baseline = _rss_bytes()
        self._peak = self.baseline
        try:  # "5" resets the peak RSS counter (Linux >= 4.0)
            Path("/proc/self/clear_refs").write_text("5")
            if _proc_status_kb("VmHWM") is not None:
                self.method = "linux-vmhwm"
                return
        except OSError:
            pass
        self._thread = threading.Thread(target=self._sample, name="peak-memory", daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(self.interval_s):
            self._peak = max(self._peak, _rss_bytes())

    def added(self) -> int:
        """Bytes of peak memory above the baseline so far."""
        if self.method == "linux-vmhwm":
            peak = (_proc_status_kb("VmHWM") or 0) * 1024
        else:
            peak = max(self._peak, _rss_bytes())
        return max(0, peak - self.baseline)

    def stop(self) -> int:
        added = self.added()
        self._stop.set()
        if self._thread is not None:
            self._thread.join(1.0)
        return added


# ------------------------------------------------------------------------------------------ timing
def percentile(values: List[float], q: float) -> float:
    """The ``q``-th percentile (0..100) with linear interpolation (numpy's default method)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    pos = (len(ordered) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def time_forward(run: Callable[[], None], sync: Callable[[], None], warmup: int, repeats: int,
                 should_stop: Callable[[], bool] = lambda: False) -> List[float]:
    """Milliseconds of ``repeats`` calls of ``run`` after ``warmup`` untimed ones."""
    for _ in range(warmup):
        run()
    sync()
    times = []
    for _ in range(repeats):
        if should_stop():
            break
        start = time.perf_counter()
        run()
        sync()
        times.append((time.perf_counter() - start) * 1000.0)
    return times


# ------------------------------------------------------------------------------------------ model
def _build_network(request: dict):
    """(spec, network, weights note): the run's trained network when it loads, else random weights."""
    from animeid_desktop.core.engine.registry import Network, create_backbone, get_spec

    spec = get_spec(request["model"])
    run_dir = request.get("run_dir")
    if run_dir:
        from animeid_desktop.core.engine.saved_models import load_saved

        try:
            return spec, load_saved(run_dir).network, "trained run"
        except Exception as exc:  # e.g. the pretrained backbone of a head run is gone: time random weights
            note = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
            net = Network(create_backbone(spec), spec.feature_dim, int(request.get("num_classes") or 2))
            return spec, net, f"random init (run not loadable: {note})"
    net = Network(create_backbone(spec), spec.feature_dim, int(request.get("num_classes") or 2))
    return spec, net, "random init (timing only)"


def _prime_runtime(model: str, device) -> None:
    """Import the model libraries and run one tiny convolution, so the baseline excludes them."""
    import torch

    from animeid_desktop.core.engine import devices
    from animeid_desktop.core.engine.registry import get_spec

    if get_spec(model).family == "timm":
        import timm  # noqa: F401
    else:
        import torchvision.models  # noqa: F401
    x = torch.zeros(1, 3, 8, 8, device=device)
    with torch.inference_mode(), devices.autocast(device):
        torch.nn.functional.conv2d(x, torch.zeros(4, 3, 3, 3, device=device))


def _saved_size(net) -> int:
    """Bytes of the network saved as fp32 safetensors (no optimizer state) in a temporary folder."""
    from animeid_desktop.core.engine.model_files import TENSORS_NAME, save_model

    with tempfile.TemporaryDirectory(prefix="animeid-bench-") as tmp:
        tensors = {k: v.float() if v.is_floating_point() else v for k, v in net.state_dict().items()}
        save_model(tmp, tensors, {"model": "benchmark"})
        return os.path.getsize(Path(tmp) / TENSORS_NAME)


def measure(request: dict, send: SendFn = lambda _msg: None) -> dict:
    """Benchmark ``request["model"]``; return the measured fields (see module docstring).

    ``request``: model, batch, repeats (batch 1), repeats_n (batch N), warmup, threads (None =
    physical cores), size (None = the model's input size), device (None = best available),
    num_classes, run_dir (a trained run's model folder, optional), save_size (write a temporary model
    file to measure its size).
    ``send`` receives ``{"stage": ...}`` progress messages.
    """
    import torch

    from animeid_desktop.core.engine import devices

    device = devices.pick_device(request.get("device"))  # also sets one thread per physical core
    if request.get("threads"):
        torch.set_num_threads(int(request["threads"]))
    batch = max(1, int(request.get("batch") or 1))
    repeats = max(1, int(request.get("repeats") or 1))
    repeats_n = max(1, int(request.get("repeats_n") or 1))
    warmup = max(0, int(request.get("warmup") or 0))
    cuda = device.type == "cuda"
    sync = torch.cuda.synchronize if cuda else (lambda: None)
    _prime_runtime(request["model"], device)
    if cuda:
        torch.cuda.reset_peak_memory_stats(device)
    memory = PeakMemory()
    memory.start()
    send({"stage": "loading"})
    spec, net, weights = _build_network(request)
    params = sum(p.numel() for p in net.parameters())
    net = net.to(device).eval()
    channels_last = device.type != "mps"
    if channels_last:
        net = net.to(memory_format=torch.channels_last)
    size = int(request.get("size") or spec.input_size)

    def make_input(n: int) -> torch.Tensor:
        x = torch.randn(n, 3, size, size, generator=torch.Generator().manual_seed(0)).to(device)
        return x.contiguous(memory_format=torch.channels_last) if channels_last else x

    x1, xn = make_input(1), make_input(batch)

    def forward(x: torch.Tensor) -> Callable[[], None]:
        def run() -> None:
            with torch.inference_mode(), devices.autocast(device):
                net(x)
        return run

    send({"stage": "batch 1"})
    t1 = time_forward(forward(x1), sync, warmup, repeats)
    send({"stage": f"batch {batch}"})
    tn = time_forward(forward(xn), sync, min(warmup, 1), repeats_n) if batch > 1 else list(t1)
    peak_added = memory.stop()
    device_peak = torch.cuda.max_memory_allocated(device) if cuda else None
    send({"stage": "saving"})
    file_bytes = _saved_size(net.cpu()) if request.get("save_size", True) else None
    per_image_n = [t / batch for t in tn]
    return {
        "device": str(device),
        "precision": devices.precision_name(device),
        "threads": torch.get_num_threads(),
        "input_size": size,
        "weights": weights,
        "params": int(params),
        "ms_b1_mean": sum(t1) / len(t1),
        "ms_b1_p95": percentile(t1, 95),
        "ms_bn_mean": sum(per_image_n) / len(per_image_n),
        "ms_bn_p95": percentile(per_image_n, 95),
        "images_per_s_b1": 1000.0 / (sum(t1) / len(t1)),
        "images_per_s": 1000.0 / (sum(per_image_n) / len(per_image_n)),
        "saved_file_bytes": file_bytes,
        "peak_mem_mb": peak_added / MB,
        "device_peak_mem_mb": None if device_peak is None else device_peak / MB,
        "memory_method": memory.method + ("+cuda-allocator" if cuda else ""),
        "cpu_load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }


def child_main(conn, request: dict) -> None:
    """Entry point of the benchmark child process: send progress, then ``{"result": ...}`` or ``{"error": ...}``."""
    os.environ.setdefault("ANIMEID_OFFLINE", "1")
    if hasattr(os, "setpriority"):  # started from a low-priority GUI worker thread: time at normal priority
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, 0, 0)
    try:
        result = measure(request, conn.send)
        conn.send({"result": result})
    except BaseException as exc:  # report everything to the parent, which records it per model
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        conn.send({"error": detail, "traceback": traceback.format_exc()})
    finally:
        with contextlib.suppress(Exception):
            conn.close()
        sys.stdout.flush()

