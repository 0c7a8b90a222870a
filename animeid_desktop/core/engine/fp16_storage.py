"""Smaller model files: fp16 storage of a saved model's backbone.

A model file holds the network's weights only (never optimizer state). :func:`store_fp16` rewrites
a saved model's ``model.safetensors`` with the backbone's floating-point tensors in float16, which
halves the file; the classifier (``fc.*``, tiny) stays float32. Loading needs nothing special:
``load_state_dict`` copies the half-precision tensors into the float32 network, so predictions are
computed in full precision from weights rounded to fp16 (top-1 unchanged in practice; the tests and
``benchmarks/model_size.py`` check it).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, Iterable, Tuple

import torch

from animeid_desktop.core.engine.model_files import (
    META_NAME,
    TENSORS_NAME,
    load_meta,
    load_tensors,
    save_tensors,
    write_meta,
)
from animeid_desktop.core.errors import UserError

KEEP_FP32_PREFIXES: Tuple[str, ...] = ("fc.", "openset.")
FP16_SUFFIX = "+fp16"  # appended to an in-file backbone's weights id (embedding cache key)
OPTIMIZER_MARKERS: Tuple[str, ...] = ("exp_avg", "exp_avg_sq", "momentum_buffer", "optimizer", "step")


def half_tensors(tensors: Dict[str, torch.Tensor],
                 keep_fp32: Iterable[str] = KEEP_FP32_PREFIXES) -> Dict[str, torch.Tensor]:
    """Float32/64 tensors as float16, except those whose name starts with a ``keep_fp32`` prefix;
    integer tensors (e.g. BatchNorm counters) unchanged."""
    keep = tuple(keep_fp32)
    out: Dict[str, torch.Tensor] = {}
    for name, t in tensors.items():
        if t.is_floating_point() and t.dtype != torch.float16 and not name.startswith(keep):
            if t.numel() and t.abs().max().item() > torch.finfo(torch.float16).max:
                raise UserError(f"tensor {name} has values beyond float16's range; keep this model in fp32")
            out[name] = t.to(torch.float16)
        else:
            out[name] = t
    return out


def storage_dtype(tensors: Dict[str, torch.Tensor]) -> str:
    """``"fp16"`` when any backbone tensor is stored in half precision, else ``"fp32"``."""
    return "fp16" if any(t.dtype == torch.float16 for t in tensors.values()) else "fp32"


def optimizer_keys(tensors: Dict[str, torch.Tensor]) -> list:
    """Tensor names that look like optimizer state (a saved model must have none)."""
    return [k for k in tensors if any(m in k.split(".")[-1] for m in OPTIMIZER_MARKERS)]


def store_fp16(model_dir: str | os.PathLike) -> Tuple[int, int]:
    """Rewrite the saved model in ``model_dir`` with an fp16 backbone (atomically); returns
    (bytes before, bytes after). Head-only models (no backbone in the file) barely change.

    ``meta.json`` (when present) gets ``"storage": "fp16"``; when the backbone is in the file its
    ``weights_id`` gains ``+fp16``: the rounded weights are other weights, so the embedding cache
    key changes with them. Converting twice changes nothing more."""
    path = Path(model_dir) / TENSORS_NAME
    before = path.stat().st_size
    tensors = load_tensors(model_dir)
    save_tensors(path, half_tensors(tensors), {"format": "animeid", "storage": "fp16"})
    if (Path(model_dir) / META_NAME).is_file():
        meta = load_meta(model_dir)
        backbone = meta.get("backbone")
        if isinstance(backbone, dict) and backbone.get("in_file") and meta.get("storage") != "fp16":
            backbone["weights_id"] = f"{backbone.get('weights_id', 'file')}{FP16_SUFFIX}"
        meta["storage"] = "fp16"
        write_meta(model_dir, meta)
    return before, path.stat().st_size


def file_size_mb(model_dir: str | os.PathLike) -> float:
    """Size of a saved model's tensor file in MB (10^6 bytes)."""
    return (Path(model_dir) / TENSORS_NAME).stat().st_size / 1e6
