"""Engine CLI: train --json, models, use, threshold, recognize (--json/--csv/plain), weights import/status."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest

from animeid_desktop.cli import main
from tests.core.engine_fixtures import SHARED_DOGS, TINY, isolated_weights, synthetic_library

FIXTURES = (isolated_weights,)  # shared fixtures, imported so pytest finds them

TRAIN_KEYS = {"model", "mode", "classes", "pretrained", "best_val_acc", "final_val_acc", "per_class_acc",
              "confusion", "seconds", "run_id", "path"}


@pytest.fixture
def lib_dir(tmp_path, isolated_weights):
    lib, written = synthetic_library(tmp_path, n_characters=3, per_character=8)
    lib.close()
    return str(tmp_path / "lib"), written


def _run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_train_json_is_exactly_one_object_and_becomes_active(lib_dir, capsys, monkeypatch):
    from animeid_desktop.core.training import head_views

    monkeypatch.setattr(head_views, "HEAD_VIEWS_KEPT_MIN_IMAGES", 0)  # views kept even in this tiny library
    lib, written = lib_dir
    code, out, err = _run(capsys, "train", "--library", lib, "--epochs", "3", "--image-size", str(TINY), "--json")
    assert code == 0, err
    assert len(out.strip().splitlines()) == 1
    payload = json.loads(out)
    assert TRAIN_KEYS <= set(payload)
    assert payload["mode"] == "head" and payload["model"] == "anime_lite0" and payload["pretrained"] is True
    assert payload["classes"] == sorted(k for k in written if k)
    assert payload["head_views"]["chosen"] in payload["head_views"]["scores"]  # chosen by cross-validation
    assert "epoch   3/3" in err  # per-epoch progress goes to stderr
    code, out, _ = _run(capsys, "models", "--library", lib, "--json")
    listed = json.loads(out)
    assert code == 0 and listed[0]["id"] == payload["run_id"] and listed[0]["active"] is True
    assert listed[0]["per_class_acc"] == payload["per_class_acc"]
    assert {"threshold", "known_kept", "unseen_flagged", "auroc"} <= set(payload["openset"])
    assert listed[0]["openset"] == payload["openset"]
    # a retrain of the same labelled set keeps the views, and says so; --fresh chooses again
    code, out, _ = _run(capsys, "train", "--library", lib, "--epochs", "3", "--image-size", str(TINY))
    assert code == 0 and f"(kept from run {payload['run_id']}, which cross-validated them" in out, out
    code, out, _ = _run(capsys, "train", "--library", lib, "--epochs", "3", "--image-size", str(TINY), "--fresh")
    assert code == 0 and "-fold cross-validation on the training images)" in out, out


def test_train_says_how_many_face_crops_it_learnt_from_and_can_leave_them_out(lib_dir, capsys):
    lib, _written = lib_dir
    code, out, err = _run(capsys, "train", "--library", lib, "--epochs", "2", "--image-size", str(TINY), "--json")
    payload = json.loads(out)
    assert code == 0 and payload["detected_face_crops"] > 0, err  # the generated characters' faces are found
    code, out, _ = _run(capsys, "train", "--library", lib, "--epochs", "2", "--image-size", str(TINY))
    assert code == 0 and "of the training images are face crops: one-character pictures" in out, out
    code, out, _ = _run(capsys, "train", "--library", lib, "--epochs", "2", "--image-size", str(TINY),
                        "--no-detected-faces", "--json")
    payload = json.loads(out)
    assert code == 0 and payload["detected_face_crops"] == 0


def test_recognize_json_lines_with_error_lines_and_csv(lib_dir, capsys, tmp_path):
    lib, written = lib_dir
    assert main(["train", "--library", lib, "--epochs", "3", "--image-size", str(TINY), "--quiet"]) == 0
    capsys.readouterr()
    name = sorted(k for k in written if k)[0]
    good = str(written[name][0])
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n....")
    code, out, err = _run(capsys, "recognize", "--library", lib, good, str(broken), "--json", "--top-k", "2")
    assert code == 0, err
    lines = [json.loads(line) for line in out.strip().splitlines()]
    assert [line["path"] for line in lines] == [good, str(broken)]
    assert set(lines[0]) == {"path", "top", "unknown", "openset", "faces", "characters"}
    assert len(lines[0]["top"]) == 2 and set(lines[0]["openset"]) == {"score", "threshold"}  # open set: unknown
    assert set(lines[0]["top"][0]) == {"character", "score"} and isinstance(lines[0]["unknown"], bool)
    assert "error" in lines[1] and lines[1]["faces"] == [] and lines[1]["characters"] == []
    code, out, _ = _run(capsys, "recognize", "--library", lib, good, "--json", "--no-faces")
    assert code == 0 and set(json.loads(out)) == {"path", "top", "unknown", "openset"}  # the fields before faces
    code, out, _ = _run(capsys, "recognize", "--library", lib, good, "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows[0]["path"] == good and rows[0]["character"]
    code, out, _ = _run(capsys, "recognize", "--library", lib, good, "--threshold", "1.0")
    assert code == 0 and "unknown (best guess" in out
    code, out, _ = _run(capsys, "recognize", "--library", lib, "--unlabelled")
    assert code == 0 and "recognised" in out and "with several characters" in out
    code, out, _ = _run(capsys, "recognize", "--library", lib, "--unlabelled", "--json", "--no-faces")
    doc = json.loads(out)
    assert code == 0 and doc["faces"] is False and 0 <= doc["group_shots"] <= doc["suggested"] <= doc["recognised"]


def test_models_use_and_threshold(lib_dir, capsys):
    lib, _ = lib_dir
    for _ in range(2):
        assert main(["train", "--library", lib, "--epochs", "2", "--image-size", str(TINY), "--quiet", "--json"]) == 0
    runs = [json.loads(line)["run_id"] for line in capsys.readouterr().out.strip().splitlines()]
    code, out, _ = _run(capsys, "models", "--library", lib)
    assert code == 0 and out.count("\n") == 3 and f"* {runs[1]}" in out
    code, out, _ = _run(capsys, "use", "--library", lib, runs[0])
    assert code == 0 and runs[0] in out
    code, out, _ = _run(capsys, "threshold", "--library", lib, "0.7")
    assert code == 0 and "overridden to 0.70" in out
    code, out, _ = _run(capsys, "threshold", "--library", lib, "--reset")
    assert code == 0 and "overridden" not in out
    code, _, err = _run(capsys, "use", "--library", lib, "nonexistent")
    assert code == 2 and err.startswith("animeid: error: run 'nonexistent' does not exist") and "Traceback" not in err


def test_user_errors_are_one_line_exit_2(lib_dir, capsys, tmp_path):
    lib, _ = lib_dir
    code, _, err = _run(capsys, "recognize", "--library", lib, "x.png")
    assert code == 2 and "no trained model yet" in err and len(err.strip().splitlines()) == 1
    bogus = tmp_path / "bogus.pth"
    bogus.write_text("nope")
    code, _, err = _run(capsys, "weights", "import", str(bogus), "--model", "resnet50")
    assert code == 2 and "not a PyTorch state dict" in err and len(err.strip().splitlines()) == 1


def test_weights_status_and_import(isolated_weights, capsys):
    code, out, _ = _run(capsys, "weights", "status", "--json")
    status = {r["model"]: r for r in json.loads(out)}
    assert code == 0 and status["efficientnet_lite0"]["source"] == "package"
    assert status["mobilenet_v2"]["available"] is False
    if not SHARED_DOGS.is_file():
        pytest.skip("shared mobilenet_v2 weights absent")
    code, out, _ = _run(capsys, "weights", "import", str(SHARED_DOGS), "--model", "mobilenet_v2")
    assert code == 0 and "dropped classifier tensors classifier.1.weight" in out
    code, out, _ = _run(capsys, "weights", "status")
    assert "mobilenet_v2        imported" in out


def test_train_says_which_labelled_images_were_skipped_and_warns_above_5_percent(lib_dir, capsys):
    lib, written = lib_dir
    name = sorted(k for k in written if k)[0]
    damaged = [str(p) for p in written[name][:2]]
    for path in damaged:  # 2 of 24 labelled images (8%) damaged after import
        with open(path, "r+b") as fh:
            fh.truncate(40)
    code, out, err = _run(capsys, "train", "--library", lib, "--epochs", "2", "--image-size", str(TINY), "--json")
    assert code == 0, err
    payload = json.loads(out)
    assert {s["path"] for s in payload["skipped"]} == set(damaged) and all(s["reason"] for s in payload["skipped"])
    code, out, err = _run(capsys, "train", "--library", lib, "--epochs", "2", "--image-size", str(TINY))
    assert code == 0, err
    assert "2 of 24 labelled image(s) skipped" in out and "WARNING: 8% of the labelled images" in out
    with open(damaged[0], "wb") as fh:  # one repaired: 1 of 24 (4%) is reported without the warning
        fh.write(open(str(written[name][2]), "rb").read())
    code, out, err = _run(capsys, "train", "--library", lib, "--epochs", "2", "--image-size", str(TINY))
    assert code == 0, err
    assert "1 of 24 labelled image(s) skipped" in out and "WARNING" not in out


def test_a_relative_library_folder_trains_and_recognises(lib_dir, capsys, monkeypatch):
    lib, written = lib_dir
    monkeypatch.chdir(os.path.dirname(lib))  # the library given as "lib", as a user in that folder types it
    code, _out, err = _run(capsys, "train", "--library", "lib", "--epochs", "2", "--image-size", str(TINY))
    assert code == 0, err
    picture = next(p for k, paths in written.items() if k for p in paths)
    code, out, err = _run(capsys, "recognize", "--library", "lib", str(picture), "--json")
    assert code == 0 and json.loads(out.splitlines()[0])["top"], err
