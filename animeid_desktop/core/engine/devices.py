"""Compute device, thread count and mixed precision: CUDA or MPS when present, else the CPU.

``ANIMEID_DEVICE`` (``cpu``, ``cuda``, ``mps``) forces a device; ``ANIMEID_PRECISION=fp32`` turns
mixed precision off. On CPUs with native bfloat16 (AVX512-BF16 or AMX) bf16 autocast is used: it
runs EfficientNet/MobileNet two to three times faster there, at no measurable accuracy cost.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from typing import Iterator, Optional

import torch

from animeid_desktop.core.errors import UserError

DEVICE_CHOICES = ("cpu", "cuda", "mps")


def _physical_cores() -> int:
    try:
        import psutil

        cores = psutil.cpu_count(logical=False)
    except Exception:  # psutil missing or unable to tell
        cores = None
    return max(1, cores or os.cpu_count() or 1)


@functools.lru_cache(maxsize=1)
def configure_threads() -> int:
    """Set torch's intra-op threads to the number of physical cores (once); return it.

    While images are decoded in parallel with inference, :func:`inference_threads` applies."""
    n = _physical_cores()
    if torch.get_num_threads() != n:
        torch.set_num_threads(n)
    return n


def inference_threads() -> int:
    """Torch intra-op threads while the decode pool runs in parallel with inference: all physical
    cores (as :func:`configure_threads`); ``ANIMEID_INFERENCE_THREADS=N`` overrides it.

    :func:`~animeid_desktop.core.engine.features.decode_stream` applies it to the thread that consumes
    the stream (the one running the forward passes) and restores the previous count when the stream
    ends. Measured with ``benchmarks/thread_policy.py`` on the 2-core test machine (efficientnet_lite0
    features, bf16 weights, 96 newgame8 JPEGs x 3, interleaved in one run), images/s for torch threads
    x decode workers: idle, 2x2 105-116, 2x1 90-104, 1x2 67-77, 1x1 61-69, so cores (1.5x over
    cores - 1) with 2 decoders. With another process keeping about 1.5 cores busy the order flips
    (2x2 22, 1x2 59: OpenMP threads wait for a core the other process holds); on a machine kept
    busy by other work, ``ANIMEID_INFERENCE_THREADS`` = cores - 1 is the faster setting.
    """
    env = os.environ.get("ANIMEID_INFERENCE_THREADS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    return _physical_cores()


# Images per inference forward pass on a CPU. Per image, one pass over many is slower there: the
# activations of a big batch do not stay in the caches. Measured on the 2-core test machine
# (efficientnet_lite0 at 224 px, ms per image, bf16 weights / fp32): 1: 9.5 / -, 4: 5.3 / 7.4-12.3,
# 8: 4.3 / 8.8-10.2, 12: 4.2 / -, 16: 4.7-5.5 / 12.5-13.3, 32: 5.3-6.5 / 13-14, 96: 7.6 / 15-16.
CPU_IMAGES_PER_PASS = 8


def images_per_pass(device: torch.device) -> int:
    """How many images one inference forward pass takes on ``device`` (0 = the whole batch, as on a GPU);
    ``ANIMEID_IMAGES_PER_PASS=N`` overrides it (0 = whole batches on the CPU too)."""
    env = os.environ.get("ANIMEID_IMAGES_PER_PASS", "").strip()
    if env.isdigit():
        return int(env)
    return CPU_IMAGES_PER_PASS if device.type == "cpu" else 0


def forward_in_passes(module: torch.nn.Module, x: torch.Tensor, device: torch.device) -> torch.Tensor:
    """``module(x)`` for inference, over :func:`images_per_pass` images at a time."""
    step = images_per_pass(device)
    if not step or len(x) <= step:
        return module(x)
    return torch.cat([module(x[start : start + step]) for start in range(0, len(x), step)])


def pick_device(preferred: Optional[str] = None) -> torch.device:
    """The device to compute on: ``preferred`` / ``ANIMEID_DEVICE`` if given, else CUDA, MPS, CPU."""
    configure_threads()
    name = (preferred or os.environ.get("ANIMEID_DEVICE") or "").strip().lower()
    if name:
        kind = name.split(":")[0]
        if kind not in DEVICE_CHOICES:
            raise UserError(f"unknown device {name!r}; choose one of {', '.join(DEVICE_CHOICES)}")
        if kind == "cuda" and not torch.cuda.is_available():
            raise UserError("device 'cuda' requested but no CUDA GPU is available; use --device cpu")
        if kind == "mps" and not _mps_available():
            raise UserError("device 'mps' requested but Apple MPS is not available; use --device cpu")
        return torch.device(name)
    if torch.cuda.is_available():
        return torch.device("cuda")
    if _mps_available():
        return torch.device("mps")
    return torch.device("cpu")


def _mps_available() -> bool:
    backend = getattr(torch.backends, "mps", None)
    return bool(backend is not None and backend.is_available())


@functools.lru_cache(maxsize=1)
def cpu_has_native_bf16() -> bool:
    """True when the CPU computes bfloat16 natively (AVX512-BF16 or AMX), where autocast pays off."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            flags = fh.read(200_000)
    except OSError:
        return False
    return ("avx512_bf16" in flags or "amx_bf16" in flags) and bool(
        getattr(torch.ops.mkldnn, "_is_mkldnn_bf16_supported", lambda: False)()
    )


def autocast_dtype(device: torch.device) -> Optional[torch.dtype]:
    """The autocast dtype used on ``device`` (None = full fp32)."""
    if os.environ.get("ANIMEID_PRECISION", "").lower() in ("fp32", "float32", "full"):
        return None
    if device.type == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if device.type == "cpu" and cpu_has_native_bf16():
        return torch.bfloat16
    return None


@contextlib.contextmanager
def autocast(device: torch.device) -> Iterator[None]:
    """Mixed-precision context for ``device`` (no-op where it would not help)."""
    dtype = autocast_dtype(device)
    if dtype is None:
        yield
        return
    with torch.autocast(device_type=device.type, dtype=dtype):
        yield


def precision_name(device: torch.device) -> str:
    """``"bf16"``, ``"fp16"`` or ``"fp32"``: what :func:`autocast` computes in on ``device``."""
    dtype = autocast_dtype(device)
    return {torch.bfloat16: "bf16", torch.float16: "fp16"}.get(dtype, "fp32")


def needs_grad_scaler(device: torch.device) -> bool:
    """fp16 training needs loss scaling; bf16 and fp32 do not."""
    return autocast_dtype(device) == torch.float16


@contextlib.contextmanager
def torch_threads(n: int) -> Iterator[None]:
    """Temporarily run torch ops on ``n`` threads (tiny ops are slower with more threads)."""
    before = torch.get_num_threads()
    if n != before:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        if torch.get_num_threads() != before:
            torch.set_num_threads(before)
