"""Rebuilding a trained :class:`~animeid_desktop.core.engine.registry.Network` from a run's saved files.

A run's ``meta.json`` says where its backbone comes from (``meta["backbone"]``): either the
model file itself (fine-tuned or randomly initialised backbones) or a pretrained weights file that
is identified by its weights id and looked up again (head-only runs, which then store just ``fc``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional

import torch
from torch import nn

from animeid_desktop.core.engine.model_files import load_meta, load_tensors
from animeid_desktop.core.engine.openset import OpenSet
from animeid_desktop.core.engine.preprocess import Preprocessing
from animeid_desktop.core.engine.registry import ModelSpec, Network, create_backbone, get_spec
from animeid_desktop.core.engine.safe_load import check_model_folder, validate_meta, validate_tensors
from animeid_desktop.core.engine.weights import find_weights, pretrained_backbone
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.runs import get_run


@dataclass
class SavedModel:
    """A run's network (on the CPU, eval mode) with its metadata."""

    run_id: str
    meta: dict
    spec: ModelSpec
    network: Network
    prep: Preprocessing
    openset: Optional[OpenSet] = None  # the open-set ("unknown") calibration; None in older model files

    @property
    def classes(self) -> list:
        return list(self.meta["classes"])

    @property
    def backbone_weights_id(self) -> str:
        return str(self.meta["backbone"]["weights_id"])


def _backbone(spec: ModelSpec, meta: dict, tensors: Dict[str, torch.Tensor], where: Path) -> nn.Module:
    info = meta["backbone"]
    if info.get("in_file"):
        backbone = create_backbone(spec)
        state = {k[len("backbone."):]: v for k, v in tensors.items() if k.startswith("backbone.")}
        try:
            backbone.load_state_dict(state, strict=True)
        except RuntimeError as exc:
            raise UserError(f"model file in {where} does not match {spec.name} ({str(exc)[:200]}); retrain") from exc
        return backbone
    found = find_weights(spec.name)
    if found is None or found.weights_id != info["weights_id"]:
        now = "none are available" if found is None else f"the available ones are {found.weights_id}"
        raise UserError(
            f"model {where.name} needs the pretrained {spec.name} weights {info['weights_id']} but {now}; "
            f"import them again ('animeid weights import FILE --model {spec.name}') or retrain"
        )
    return pretrained_backbone(spec, found)


def load_saved(path: str | Path, run_id: Optional[str] = None) -> SavedModel:
    """Load the model saved in folder ``path``."""
    path = Path(path)
    check_model_folder(path)
    meta = load_meta(path)
    spec = get_spec(meta["model"])
    tensors = load_tensors(path)
    validate_tensors(validate_meta(meta, path), tensors, path, spec)
    classes = meta["classes"]
    network = Network(_backbone(spec, meta, tensors, path), spec.feature_dim, len(classes))
    try:
        network.fc.load_state_dict({"weight": tensors["fc.weight"], "bias": tensors["fc.bias"]})
    except (KeyError, RuntimeError) as exc:
        raise UserError(f"model file in {path} has no fitting classifier for {len(classes)} classes; retrain") from exc
    network.eval()
    prep = Preprocessing.from_json(meta["preprocessing"])
    openset = OpenSet.from_files(meta.get("openset"), tensors, n_classes=len(classes), feature_dim=spec.feature_dim,
                                 where=str(path))
    return SavedModel(run_id or meta.get("run_id") or path.name, meta, spec, network, prep, openset)


def read_classifier(path: str | Path) -> tuple[dict, torch.Tensor, torch.Tensor]:
    """(meta, fc weight, fc bias) of a saved model without building its backbone (cheap)."""
    path = Path(path)
    check_model_folder(path)
    meta = validate_meta(load_meta(path), path)
    tensors = load_tensors(path)
    validate_tensors(meta, tensors, path)
    return meta, tensors["fc.weight"], tensors["fc.bias"]


def saved_backbone(path: str | Path) -> nn.Module:
    """The backbone of the model saved in ``path`` (CPU)."""
    path = Path(path)
    meta = load_meta(path)
    return _backbone(get_spec(meta["model"]), meta, load_tensors(path), path)


def load_run(lib: Library, run_id: str) -> SavedModel:
    """Load the model of run ``run_id`` (a unique prefix is enough)."""
    run = get_run(lib, run_id)
    if not run.path:
        raise UserError(f"run {run.id} has no saved model (status {run.status}); pick another run")
    return load_saved(run.path, run.id)
