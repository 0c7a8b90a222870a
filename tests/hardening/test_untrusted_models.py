"""Untrusted model files: pickles never run, metadata and shapes are validated, messages are clear."""

from __future__ import annotations

import json
import pickle

import pytest
import torch

from animeid_desktop.core.engine.model_files import save_model
from animeid_desktop.core.engine.registry import create_backbone, get_spec
from animeid_desktop.core.engine.safe_load import (
    check_model_folder,
    refuse_pickle,
    sniff_model_file,
    validate_meta,
    validate_tensors,
)
from animeid_desktop.core.engine.weights import read_checkpoint
from animeid_desktop.core.errors import UserError

SPEC = get_spec("mobilenet_v2")


class _RunsCode:
    """Unpickling this object writes a file: proof that code ran."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (exec, (f"open({self.marker!r}, 'w').write('pwned')",))


def _meta(classes=("aoi", "rin", "mio"), in_file=False, **over) -> dict:
    meta = {
        "model": SPEC.name,
        "classes": classes if isinstance(classes, str) else list(classes),
        "preprocessing": {"size": 64, "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5], "method": "fit"},
        "backbone": {"in_file": in_file, "weights_id": "test"},
    }
    meta.update(over)
    return meta


def _head(n: int) -> dict:
    return {"fc.weight": torch.zeros(n, SPEC.feature_dim), "fc.bias": torch.zeros(n)}


@pytest.fixture
def evil_files(tmp_path):
    marker = tmp_path / "code_ran.txt"
    raw = tmp_path / "evil.pkl"
    raw.write_bytes(pickle.dumps(_RunsCode(str(marker))))
    zipped = tmp_path / "evil.pth"
    torch.save({"state_dict": _RunsCode(str(marker))}, zipped)
    return marker, raw, zipped


def test_crafted_pickles_are_recognised_without_being_loaded(evil_files):
    marker, raw, zipped = evil_files
    assert sniff_model_file(raw) == "pickle"
    assert sniff_model_file(zipped) == "torch-zip"
    for path in (raw, zipped):
        with pytest.raises(UserError, match="never unpickles"):
            refuse_pickle(path)
    assert not marker.exists()


def test_weights_import_refuses_crafted_pickles_with_a_clear_message(evil_files):
    marker, raw, zipped = evil_files
    for path in (raw, zipped):
        with pytest.raises(UserError, match="cannot be loaded safely|can be loaded safely"):
            read_checkpoint(path)
    assert not marker.exists()


def test_a_pickle_posing_as_a_model_file_is_refused(evil_files, tmp_path):
    marker, raw, _ = evil_files
    folder = tmp_path / "run"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(raw.read_bytes())
    (folder / "meta.json").write_text(json.dumps(_meta()))
    with pytest.raises(UserError, match="pickle"):
        check_model_folder(folder)
    (folder / "model.safetensors").unlink()
    (folder / "model.pth").write_bytes(raw.read_bytes())
    with pytest.raises(UserError, match="model.pth: pickles are never loaded"):
        check_model_folder(folder)
    assert not marker.exists()


def test_saved_models_loader_never_unpickles(evil_files, tmp_path):
    from animeid_desktop.core.engine.saved_models import load_saved

    marker, raw, zipped = evil_files
    for evil in (raw, zipped):
        folder = tmp_path / f"run_{evil.suffix[1:]}"
        folder.mkdir()
        (folder / "model.safetensors").write_bytes(evil.read_bytes())
        (folder / "meta.json").write_text(json.dumps(_meta()))
        with pytest.raises(UserError):
            load_saved(folder)
    assert not marker.exists()


def test_valid_metadata_and_tensors_pass(tmp_path):
    meta = validate_meta(_meta())
    validate_tensors(meta, _head(3))
    save_model(tmp_path / "run", _head(3), meta)
    assert check_model_folder(tmp_path / "run")["classes"] == ["aoi", "rin", "mio"]
    backbone = {f"backbone.{k}": v for k, v in create_backbone(SPEC).state_dict().items()}
    validate_tensors(_meta(in_file=True), {**backbone, **_head(3)})


@pytest.mark.parametrize(
    "change,message",
    [
        ({"model": "resnet9000"}, "unknown architecture"),
        ({"model": None}, "unknown architecture"),
        ({"classes": []}, "non-empty list"),
        ({"classes": "aoi"}, "non-empty list"),
        ({"classes": ["aoi", "aoi"]}, "repeat"),
        ({"classes": ["aoi", 3]}, "character name"),
        ({"preprocessing": None}, "preprocessing"),
        ({"preprocessing": {"size": 10**9, "mean": [0, 0, 0], "std": [1, 1, 1]}}, "input size"),
        ({"preprocessing": {"size": 64, "mean": [0, 0], "std": [1, 1, 1]}}, "mean/std"),
        ({"preprocessing": {"size": 64, "mean": [0, 0, 0], "std": [1, 0, 1]}}, "positive"),
        ({"preprocessing": {"size": 64, "mean": [0, 0, 0], "std": [1, 1, 1], "method": "x"}}, "resize method"),
        ({"backbone": "yes"}, "backbone"),
        ({"backbone": {"in_file": False}}, "weights_id"),
    ],
)
def test_invalid_metadata_is_refused(change, message):
    with pytest.raises(UserError, match=message):
        validate_meta(_meta(**change))


def test_non_object_metadata_is_refused():
    with pytest.raises(UserError, match="not a JSON object"):
        validate_meta(["model"])


@pytest.mark.parametrize(
    "tensors,message",
    [
        (_head(4), r"fc.weight is \(4, 1280\), expected \(3, 1280\)"),  # class count does not match the head
        ({"fc.weight": torch.zeros(3, 640), "fc.bias": torch.zeros(3)}, "expected"),
        ({"fc.weight": torch.zeros(3, 1280)}, "fc.bias is missing"),
        ({"fc.weight": torch.zeros(3, 1280, dtype=torch.int32), "fc.bias": torch.zeros(3)}, "floating point"),
        ({"fc.weight": torch.full((3, 1280), float("nan")), "fc.bias": torch.zeros(3)}, "NaN"),
        ({**_head(3), "backbone.features.0.0.weight": torch.zeros(1)}, "metadata says they are not"),
    ],
)
def test_tensors_that_do_not_fit_the_metadata_are_refused(tensors, message):
    with pytest.raises(UserError, match=message):
        validate_tensors(_meta(), tensors)


def test_backbone_tensors_are_checked_against_the_architecture():
    state = {f"backbone.{k}": v for k, v in create_backbone(SPEC).state_dict().items()}
    key = next(k for k, v in state.items() if v.dim() == 4)
    wrong = dict(state)
    wrong[key] = torch.zeros(1, 1, 1, 1)
    with pytest.raises(UserError, match="backbone tensor"):
        validate_tensors(_meta(in_file=True), {**wrong, **_head(3)})
    missing = dict(state)
    del missing[key]
    with pytest.raises(UserError, match="missing"):
        validate_tensors(_meta(in_file=True), {**missing, **_head(3)})
