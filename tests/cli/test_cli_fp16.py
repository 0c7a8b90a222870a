"""fp16 model storage from the CLI: ``train --fp16-storage`` and ``models shrink RUN_ID``."""

from __future__ import annotations

import json

import pytest

from animeid_desktop.cli import main
from animeid_desktop.core.engine.fp16_storage import storage_dtype
from animeid_desktop.core.engine.model_files import load_meta, load_tensors
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.recognition.recognizer import Recognizer
from tests.core.engine_fixtures import TINY, isolated_weights, synthetic_library

FIXTURES = (isolated_weights,)  # shared fixtures, imported so pytest finds them

FINETUNE = ("--mode", "finetune", "--epochs", "1", "--batch-size", "8", "--image-size", str(TINY), "--quiet")


@pytest.fixture
def lib_dir(tmp_path, isolated_weights, monkeypatch):
    monkeypatch.setenv("ANIMEID_PRECISION", "fp32")  # compare the stored weights, not bf16 rounding
    lib, written = synthetic_library(tmp_path, n_characters=3, per_character=6)
    lib.close()
    return str(tmp_path / "lib"), [str(p) for name, ps in written.items() if name for p in ps]


def _json(capsys, *argv) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def _run_out(capsys, *argv) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def _predict(lib_dir: str, run_id: str, paths: list) -> list:
    lib = Library.open(lib_dir, create=False)
    try:
        rec = Recognizer.load(lib, run_id, threshold=0.0, device="cpu")
        return [(p.top[0][0], p.top[0][1]) for p in rec.predict_paths(paths, top_k=1)]
    finally:
        lib.close()


def test_models_shrink_halves_a_finetuned_run_and_keeps_its_predictions(lib_dir, capsys):
    lib, paths = lib_dir
    trained = _json(capsys, "train", "--library", lib, *FINETUNE, "--json")
    assert trained["storage"] == "fp32" and "size_mb" not in trained
    before = _predict(lib, trained["run_id"], paths)
    old_id = load_meta(trained["path"])["backbone"]["weights_id"]

    info = _json(capsys, "models", "shrink", trained["run_id"][:12], "--library", lib, "--json")
    assert info["run_id"] == trained["run_id"] and info["storage"] == "fp16"
    assert info["size_mb"] < 0.55 * info["size_mb_before"]
    tensors = load_tensors(trained["path"])
    assert storage_dtype(tensors) == "fp16" and tensors["fc.weight"].dtype.is_floating_point
    meta = load_meta(trained["path"])
    assert meta["storage"] == "fp16" and meta["backbone"]["weights_id"] == old_id + "+fp16"  # new cache key

    after = _predict(lib, trained["run_id"], paths)
    assert [c for c, _s in after] == [c for c, _s in before]
    assert max(abs(a[1] - b[1]) for a, b in zip(after, before)) < 0.02

    # twice is harmless; the plain listing still works next to the sub-command
    assert main(["models", "shrink", trained["run_id"], "--library", lib]) == 0
    out = capsys.readouterr().out
    assert "MB ->" in out and load_meta(trained["path"])["backbone"]["weights_id"] == old_id + "+fp16"
    assert json.loads(_run_out(capsys, "models", "--library", lib, "--json"))[0]["id"] == trained["run_id"]


def test_train_fp16_storage_flag_and_incremental_retrain_from_it(lib_dir, capsys):
    lib, paths = lib_dir
    trained = _json(capsys, "train", "--library", lib, *FINETUNE, "--fp16-storage", "--json")
    assert trained["storage"] == "fp16" and trained["size_mb"] < 0.55 * trained["size_mb_before"]
    assert storage_dtype(load_tensors(trained["path"])) == "fp16"
    assert len(_predict(lib, trained["run_id"], paths[:3])) == 3
    # a head run on top of the fp16 active model starts from it and loads fine
    head = _json(capsys, "train", "--library", lib, "--model", "efficientnet_lite0", "--epochs", "2", "--image-size",
                 str(TINY), "--quiet", "--json")  # a head run continues the fine-tuned Lite0
    assert head["incremental"] is True and head["storage"] == "fp32"
    assert len(_predict(lib, head["run_id"], paths[:3])) == 3


def test_shrink_head_run_says_so_and_unknown_run_is_a_user_error(lib_dir, capsys):
    lib, _paths = lib_dir
    assert main(["train", "--library", lib, "--epochs", "2", "--image-size", str(TINY), "--quiet"]) == 0
    capsys.readouterr()
    runs = json.loads(_run_out(capsys, "models", "--library", lib, "--json"))
    assert main(["models", "shrink", runs[0]["id"], "--library", lib]) == 0
    assert "head-only run" in capsys.readouterr().out
    assert main(["models", "shrink", "no-such-run", "--library", lib]) != 0
    assert "does not exist" in capsys.readouterr().err


def test_train_reports_how_the_final_model_was_fitted(lib_dir, capsys):
    lib, _paths = lib_dir
    out = _run_out(capsys, "train", "--library", lib, *FINETUNE, "--no-detected-faces")  # every image: 18
    line = next(s for s in out.splitlines() if s.startswith("final model:"))
    assert "fitted again on all 18 images" in line and "fits averaged" in line
    assert "final model:" not in _run_out(capsys, "train", "--library", lib, *FINETUNE, "--no-final-fit")
