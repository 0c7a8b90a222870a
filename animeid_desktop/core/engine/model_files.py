"""Model files: ``model.safetensors`` (tensors) + ``meta.json`` (everything else), written atomically.

Never pickle: tensors go through safetensors, metadata through JSON. Each file is written to a
temporary name in the same folder, flushed to disk and renamed over the target, so a crash or a
cancel never leaves a half-written model behind.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Dict, Optional

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, save

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.media.files import atomic_write

TENSORS_NAME = "model.safetensors"
META_NAME = "meta.json"
FORMAT_VERSION = 1


def tensors_to_bytes(tensors: Dict[str, torch.Tensor], metadata: Optional[Dict[str, str]] = None) -> bytes:
    """Serialise tensors (moved to CPU, made contiguous, shared storage broken) to safetensors bytes."""
    clean = {k: v.detach().to("cpu").contiguous().clone() for k, v in tensors.items()}
    return save(clean, metadata=metadata)


def save_tensors(path: str | os.PathLike, tensors: Dict[str, torch.Tensor], metadata: Optional[dict] = None) -> None:
    """Atomically write a safetensors file."""
    atomic_write(path, tensors_to_bytes(tensors, {k: str(v) for k, v in (metadata or {}).items()}))


def save_model(directory: str | os.PathLike, tensors: Dict[str, torch.Tensor], meta: dict) -> Path:
    """Write ``model.safetensors`` then ``meta.json`` into ``directory``; return the directory."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    meta = {"format_version": FORMAT_VERSION, **meta}
    save_tensors(directory / TENSORS_NAME, tensors, {"format": "animeid", "version": FORMAT_VERSION})
    atomic_write(directory / META_NAME, json.dumps(meta, indent=1, ensure_ascii=False).encode("utf-8"))
    return directory


def write_meta(directory: str | os.PathLike, meta: dict) -> None:
    """Atomically replace ``meta.json`` of a saved model."""
    atomic_write(Path(directory) / META_NAME, json.dumps(meta, indent=1, ensure_ascii=False).encode("utf-8"))


def load_meta(directory: str | os.PathLike) -> dict:
    """The metadata of a saved model; :class:`UserError` when it is missing or unreadable."""
    path = Path(directory) / META_NAME
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UserError(f"model file {path} is missing; retrain or pick another run with 'animeid use'") from exc
    except (OSError, ValueError) as exc:
        raise UserError(f"model file {path} is unreadable ({exc}); retrain") from exc
    if int(meta.get("format_version", 0)) > FORMAT_VERSION:
        raise UserError(f"model {path.parent} was saved by a newer AnimeID; update the program")
    return meta


def load_tensors(directory: str | os.PathLike) -> Dict[str, torch.Tensor]:
    """The tensors of a saved model (on the CPU)."""
    path = Path(directory) / TENSORS_NAME
    try:
        return load_file(str(path), device="cpu")
    except FileNotFoundError as exc:
        raise UserError(f"model file {path} is missing; retrain or pick another run with 'animeid use'") from exc
    except (OSError, SafetensorError) as exc:
        raise UserError(f"model file {path} is damaged ({exc}); retrain") from exc
