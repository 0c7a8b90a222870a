"""Untrusted model files: recognise pickles without loading them, validate metadata and tensor shapes.

AnimeID stores models as ``model.safetensors`` + ``meta.json`` (:mod:`modelfile`); neither format
can run code. A model folder may still come from someone else (a shared run, a copied library),
so before a network is built from it:

- :func:`sniff_model_file` tells safetensors from pickles (raw, or PyTorch's zip/legacy formats)
  by their first bytes, never by unpickling; :func:`refuse_pickle` turns a pickle into a clear
  :class:`UserError` (a pickle can run arbitrary code when loaded; ``torch.load`` is only ever
  called with ``weights_only=True``, in :mod:`weights`).
- :func:`validate_meta` checks every field the loader reads: known architecture, class names,
  preprocessing numbers, backbone source.
- :func:`validate_tensors` checks the classifier against the class count and feature size, every
  backbone tensor stored in the file against the architecture, dtypes and finiteness.
"""

from __future__ import annotations

import json
import math
import os
import struct
from pathlib import Path
from typing import Mapping, Optional

import torch

from animeid_desktop.core.engine.registry import SPECS, ModelSpec, create_backbone
from animeid_desktop.core.errors import UserError

MAX_CLASSES = 100_000
MAX_HEADER_BYTES = 100 * 1024 * 1024  # safetensors' own limit
MIN_INPUT, MAX_INPUT = 16, 2048
PICKLE_SUFFIXES = (".pt", ".pth", ".pkl", ".pickle", ".bin", ".ckpt", ".tar")


def sniff_model_file(path: str | os.PathLike) -> str:
    """'safetensors', 'pickle' (raw pickle or legacy torch), 'torch-zip' (torch.save zip) or 'unknown'."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
            size = os.fstat(fh.fileno()).st_size
    except OSError as exc:
        raise UserError(f"cannot read model file {path}: {exc.strerror}") from exc
    if len(head) >= 9:
        (n,) = struct.unpack("<Q", head[:8])
        if 2 <= n <= min(MAX_HEADER_BYTES, size - 8) and head[8:9] == b"{":
            return "safetensors"
    if head.startswith(b"PK\x03\x04"):
        return "torch-zip"
    if head[:1] == b"\x80" and head[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05"):
        return "pickle"
    if head[:1] in (b"(", b"]", b"}", b"c"):  # protocol 0/1 pickles start with an opcode like these
        return "pickle"
    return "unknown"


def refuse_pickle(path: str | os.PathLike, kind: Optional[str] = None) -> None:
    """Raise a :class:`UserError` when ``path`` is a pickle (or a torch zip, which contains one)."""
    kind = kind or sniff_model_file(path)
    if kind in ("pickle", "torch-zip"):
        raise UserError(
            f"{path} is a Python pickle ({'PyTorch zip' if kind == 'torch-zip' else 'raw'}), which can run "
            f"code when opened; AnimeID never unpickles model files. Ask for a .safetensors file, or import "
            f"plain backbone weights with 'animeid weights import' (loaded with weights_only=True)"
        )


def _fail(where: str, what: str) -> UserError:
    return UserError(f"model in {where} is invalid: {what}; retrain or ask for a fresh copy")


def _number_triple(value: object) -> bool:
    return (isinstance(value, (list, tuple)) and len(value) == 3
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in value))


def validate_meta(meta: object, where: str | os.PathLike = "model") -> dict:
    """Check a loaded ``meta.json``; return it, or raise :class:`UserError` naming the first problem."""
    where = str(where)
    if not isinstance(meta, dict):
        raise _fail(where, "meta.json is not a JSON object")
    model = meta.get("model")
    if not isinstance(model, str) or model not in SPECS:
        raise _fail(where, f"unknown architecture {model!r} (known: {', '.join(SPECS)})")
    classes = meta.get("classes")
    if not isinstance(classes, list) or not classes or len(classes) > MAX_CLASSES:
        raise _fail(where, "'classes' must be a non-empty list of character names")
    if not all(isinstance(c, str) and c.strip() for c in classes):
        raise _fail(where, "every class must be a non-empty character name")
    if len(set(classes)) != len(classes):
        raise _fail(where, "class names repeat")
    prep = meta.get("preprocessing")
    if not isinstance(prep, dict):
        raise _fail(where, "'preprocessing' is missing")
    size = prep.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or not MIN_INPUT <= size <= MAX_INPUT:
        raise _fail(where, f"input size {size!r} is not between {MIN_INPUT} and {MAX_INPUT}")
    if not _number_triple(prep.get("mean")) or not _number_triple(prep.get("std")):
        raise _fail(where, "preprocessing mean/std must be three finite numbers each")
    if any(v <= 0 for v in prep["std"]):
        raise _fail(where, "preprocessing std must be positive")
    if prep.get("method", "fit") not in ("fit", "crop", "squash"):
        raise _fail(where, f"unknown resize method {prep.get('method')!r}")
    backbone = meta.get("backbone")
    if not isinstance(backbone, dict) or not isinstance(backbone.get("in_file", False), bool):
        raise _fail(where, "'backbone' must say whether the backbone is in the file")
    if not backbone.get("in_file") and not isinstance(backbone.get("weights_id"), str):
        raise _fail(where, "'backbone.weights_id' is missing")
    return meta


def _check_tensor(name: str, tensor: object, shape: tuple, where: str) -> None:
    if not isinstance(tensor, torch.Tensor):
        raise _fail(where, f"tensor {name} is missing")
    if tuple(tensor.shape) != tuple(shape):
        raise _fail(where, f"tensor {name} is {tuple(tensor.shape)}, expected {tuple(shape)}")
    if not tensor.is_floating_point():
        raise _fail(where, f"tensor {name} is {tensor.dtype}, expected floating point")
    if not bool(torch.isfinite(tensor).all()):
        raise _fail(where, f"tensor {name} contains NaN or infinite values")


def validate_tensors(meta: dict, tensors: Mapping[str, torch.Tensor], where: str | os.PathLike = "model",
                     spec: Optional[ModelSpec] = None) -> None:
    """Check the classifier (``fc``) against the class count and, when the backbone is stored in the
    file, every backbone tensor against the architecture."""
    where = str(where)
    spec = spec or SPECS[meta["model"]]
    n = len(meta["classes"])
    _check_tensor("fc.weight", tensors.get("fc.weight"), (n, spec.feature_dim), where)
    _check_tensor("fc.bias", tensors.get("fc.bias"), (n,), where)
    stored = {k[len("backbone."):]: v for k, v in tensors.items() if k.startswith("backbone.")}
    if meta["backbone"].get("in_file"):
        expected = {k: tuple(v.shape) for k, v in create_backbone(spec).state_dict().items()}
        missing = sorted(set(expected) - set(stored))
        extra = sorted(set(stored) - set(expected))
        if missing or extra:
            detail = f"{len(missing)} backbone tensor(s) missing" if missing else f"{len(extra)} unexpected"
            raise _fail(where, f"{detail} for {spec.name} (e.g. {(missing or extra)[0]})")
        for key, shape in expected.items():
            tensor = stored[key]
            if tuple(tensor.shape) != shape:
                raise _fail(where, f"backbone tensor {key} is {tuple(tensor.shape)}, expected {shape}")
            if tensor.is_floating_point() and not bool(torch.isfinite(tensor).all()):
                raise _fail(where, f"backbone tensor {key} contains NaN or infinite values")
    elif stored:
        raise _fail(where, "backbone tensors are stored although the metadata says they are not")


def check_model_folder(directory: str | os.PathLike, tensors_name: str = "model.safetensors",
                       meta_name: str = "meta.json") -> dict:
    """Check a model folder's files before loading: no pickles, a safetensors file, valid metadata.

    Returns the validated metadata. Tensor checks need the tensors: call :func:`validate_tensors`.
    """
    directory = Path(directory)
    tensors_path = directory / tensors_name
    if not tensors_path.is_file():
        pickles = sorted(p.name for p in directory.glob("*") if p.suffix.lower() in PICKLE_SUFFIXES)
        hint = f" (found {', '.join(pickles)}: pickles are never loaded)" if pickles else ""
        raise UserError(f"model folder {directory} has no {tensors_name}{hint}; retrain or pick another run")
    kind = sniff_model_file(tensors_path)
    refuse_pickle(tensors_path, kind)
    if kind != "safetensors":
        raise UserError(f"{tensors_path} is not a safetensors file; retrain or ask for a fresh copy")
    try:
        meta = json.loads((directory / meta_name).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UserError(f"model folder {directory} has no {meta_name}; retrain or pick another run") from exc
    except (OSError, ValueError) as exc:
        raise UserError(f"{directory / meta_name} is unreadable ({exc}); retrain") from exc
    return validate_meta(meta, directory)
