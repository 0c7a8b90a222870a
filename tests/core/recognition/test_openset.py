"""Open set ("unknown" that means it): the maths, calibration by held-out characters, the saved block,
older model files, recognition in both modes, the label-next queue."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from animeid_desktop.cli import main
from animeid_desktop.core.curation.active_learning import label_next_queue
from animeid_desktop.core.demo import synthetic, synthetic_groups
from animeid_desktop.core.engine import openset as ops
from animeid_desktop.core.engine.fp16_storage import store_fp16
from animeid_desktop.core.engine.model_files import load_meta, load_tensors, save_model
from animeid_desktop.core.engine.openset_text import sentence
from animeid_desktop.core.engine.saved_models import load_saved
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.recognition.library_recognition import recognize_library
from animeid_desktop.core.recognition.recognizer import Recognizer
from animeid_desktop.core.training.openset import held_out_groups
from animeid_desktop.core.training.pipeline import TrainConfig, train
from tests.core.engine_fixtures import IMAGENET, TINY, isolated_weights, synthetic_library

FIXTURES = (isolated_weights,)  # shared fixtures, imported so pytest finds them

KNOWN, UNSEEN = 6, 3  # generated characters labelled / never labelled


def test_auroc_counts_pairs_and_ties():
    assert ops.auroc(np.array([3.0, 4.0]), np.array([1.0, 2.0])) == 1.0
    assert ops.auroc(np.array([1.0, 2.0]), np.array([3.0, 4.0])) == 0.0
    assert ops.auroc(np.array([1.0, 3.0]), np.array([2.0, 2.0])) == 0.5
    assert ops.auroc(np.array([2.0]), np.array([2.0])) == 0.5  # a tie counts half
    assert ops.auroc(np.array([1.0]), np.array([])) is None


def test_threshold_keeps_the_share_and_scores_rise_with_closeness():
    known = np.arange(100, dtype=np.float64)
    t = ops.keep_threshold(known, 0.95)
    assert (known >= t).mean() == pytest.approx(0.95, abs=0.011)
    x = np.array([[1.0, 0.0], [1.0, 0.1], [0.0, 1.0], [0.1, 1.0]])
    protos = ops.prototypes(x, np.array([0, 0, 1, 1]), 2)
    assert np.allclose(np.linalg.norm(protos, axis=1), 1.0)
    cos = ops.max_cosine(np.array([[1.0, 0.05], [1.0, 1.0]]), protos)
    assert cos[0] > 0.99 > cos[1]
    scale = ops.Scale(cos_mean=0.5, cos_std=0.1, prob_mean=0.5, prob_std=0.1)
    assert scale.combine(np.array([0.6]), np.array([0.6]))[0] == pytest.approx(1.0)


def test_held_out_groups_leave_two_characters_known():
    for n in (3, 4, 8, 29):
        groups = held_out_groups(n, seed=0)
        assert groups and all(1 <= len(g) <= n - 2 for g in groups)
        assert len({c for g in groups for c in g}) == sum(len(g) for g in groups)  # no character twice


@pytest.fixture
def known_and_unseen(tmp_path, isolated_weights):
    """A library of KNOWN labelled generated characters, and group shots of UNSEEN other characters
    (another kind of picture of characters the library never saw, like another set's)."""
    lib, written = synthetic_library(tmp_path, n_characters=KNOWN, per_character=12)
    unseen = tmp_path / "unseen"
    synthetic_groups.write_group_shots(unseen, 30, synthetic.make_specs(KNOWN + UNSEEN)[KNOWN:], size=96, seed=1)
    yield lib, written, unseen
    lib.close()


def _flagged(rec: Recognizer, folder: Path) -> tuple[float, float]:
    """(share flagged unknown, share today's probability threshold flags) of the pictures in ``folder``."""
    preds = [p for p in rec.predict_paths([str(folder)]) if not p.error]
    assert preds
    return (float(np.mean([p.unknown for p in preds])),
            float(np.mean([p.top[0][1] < rec.calibrated_threshold for p in preds])))


def test_unseen_characters_are_flagged_far_more_often_than_by_the_probability_threshold(known_and_unseen):
    lib, written, unseen = known_and_unseen
    # whole pictures only: with the detected faces' crops in training both rules flag more here (0.57 and 0.50)
    result = train(lib, TrainConfig(model=IMAGENET, image_size=TINY, epochs=8, views="full", detected_faces=False))
    cal = result.openset
    assert cal is not None and cal["keep"] == 0.95 and cal["folds"] >= 2 and cal["held_out_characters"] >= 2
    assert 0.85 <= cal["known_kept"] <= 1.0 and 0.0 <= cal["unseen_flagged"] <= 1.0 and 0.5 < cal["auroc"] <= 1.0
    rec = Recognizer.load(lib)
    assert rec.gate is not None and rec.gate.shared  # head mode: one pass, the model's features are general
    flagged, by_probability = _flagged(rec, unseen)
    assert flagged >= by_probability + 0.15 and flagged >= 0.35
    known_flagged, _ = _flagged(rec, Path(written[sorted(k for k in written if k)[0]][0]).parent.parent)
    assert known_flagged <= 0.15  # the pictures it was trained on are kept
    pred = next(rec.predict_paths([str(next(unseen.glob("*.png")))]))
    assert pred.openset_score is not None and pred.to_json()["openset"]["score"] == round(pred.openset_score, 4)
    assert pred.unknown == (pred.openset_score < rec.openset_threshold)
    assert "set aside as unknown" in sentence(cal)


def test_a_saved_model_round_trips_its_calibration_and_fp16_keeps_it(known_and_unseen):
    lib, _written, _unseen = known_and_unseen
    result = train(lib, TrainConfig(image_size=TINY, epochs=4))
    saved = load_saved(result.path)
    assert saved.openset is not None and saved.openset.threshold == result.openset["threshold"]
    assert saved.openset.prototypes.shape == (KNOWN, saved.spec.feature_dim)
    meta = load_meta(result.path)
    assert meta["openset"]["features"]["weights_id"] == saved.backbone_weights_id
    assert json.dumps(meta["openset"])  # plain JSON, no pickles
    store_fp16(result.path)
    again = load_saved(result.path)
    assert load_tensors(result.path)["openset.prototypes"].dtype == torch.float32
    x = np.random.default_rng(0).normal(size=(5, saved.spec.feature_dim)).astype(np.float32)
    assert np.allclose(again.openset.scores(x), saved.openset.scores(x))


def _strip_openset(path: str) -> None:
    """Rewrite a saved model as an older AnimeID wrote it: no open-set tensors, no ``openset`` block."""
    meta = load_meta(path)
    meta.pop("openset")
    tensors = {k: v for k, v in load_tensors(path).items() if not k.startswith(ops.TENSOR_PREFIX)}
    save_model(path, tensors, meta)


def test_older_model_files_load_and_use_the_probability_threshold(known_and_unseen, capsys):
    lib, written, unseen = known_and_unseen
    result = train(lib, TrainConfig(image_size=TINY, epochs=4))
    _strip_openset(result.path)
    rec = Recognizer.load(lib)
    assert rec.gate is None and rec.openset_threshold is None and "no open-set calibration" in rec.gate_note
    preds = list(rec.predict_paths([str(unseen)]))
    assert all(p.unknown == (p.top[0][1] < rec.threshold) for p in preds if not p.error)
    assert all("openset" not in p.to_json() and p.openset_score is None for p in preds)
    assert main(["recognize", "--library", str(lib.root), str(unseen)]) == 0
    assert "decided by the probability threshold: this model has no open-set calibration" in capsys.readouterr().err


def test_a_damaged_open_set_block_is_refused(known_and_unseen):
    lib, _written, _unseen = known_and_unseen
    result = train(lib, TrainConfig(image_size=TINY, epochs=4))
    tensors, meta = load_tensors(result.path), load_meta(result.path)
    tensors["openset.prototypes"][0, 0] = float("nan")
    save_model(result.path, tensors, meta)
    with pytest.raises(UserError, match="open-set"):
        load_saved(result.path)
    tensors["openset.prototypes"] = tensors["openset.prototypes"][:2].nan_to_num()
    save_model(result.path, tensors, meta)
    with pytest.raises(UserError, match="do not fit"):
        load_saved(result.path)
    tensors = load_tensors(result.path)
    tensors["openset.prototypes"] = torch.zeros(KNOWN, 1280)
    for change, match in (({"format": 99}, "newer AnimeID"), ({"features": {"weights_id": 3}}, "incomplete"),
                          ({"scale": {"cos_mean": 0.0}}, "incomplete")):
        save_model(result.path, tensors, {**meta, "openset": {**meta["openset"], **change}})
        with pytest.raises(UserError, match=match):
            load_saved(result.path)


def test_two_characters_keep_the_probability_threshold(tmp_path, isolated_weights):
    lib, _written = synthetic_library(tmp_path, n_characters=2, per_character=8)
    result = train(lib, TrainConfig(image_size=TINY, epochs=3))
    assert result.openset is None and Recognizer.load(lib).gate is None
    lib.close()


def test_finetune_reads_the_general_backbone_beside_its_own(known_and_unseen):
    lib, _written, unseen = known_and_unseen
    # a head run on the whole picture at the general features' own size
    head = train(lib, TrainConfig(model=IMAGENET, incremental=False, views="full"))
    result = train(lib, TrainConfig(mode="finetune", image_size=TINY, epochs=1, batch_size=8, refit=False,
                                    incremental=False))
    # its open set is the one a head run on the same labels has: same features, split, head, calibration
    assert result.openset == head.openset
    rec = Recognizer.load(lib)
    assert rec.gate is not None and not rec.gate.shared  # the fine-tuned backbone is not the general one
    assert rec.gate.openset.features["weights_id"] != rec.saved.backbone_weights_id
    by_path = {p.path: p for p in rec.predict_paths([str(unseen)])}
    assert all(p.openset_score is not None for p in by_path.values())
    picture = next(iter(by_path))
    with Image.open(picture) as img:
        [from_image] = rec.predict_images([img])
    assert from_image.openset_score == pytest.approx(by_path[picture].openset_score, abs=1e-3)
    rows = lib.query("SELECT id, sha256, path FROM images ORDER BY id LIMIT 5")
    from_cache = rec.predict_rows(lib, rows)  # general features from the cache training filled
    from_files = {p.path: p for p in rec.predict_paths([r["path"] for r in rows])}
    assert len(from_cache) == 5
    for p in from_cache:
        assert p.openset_score == pytest.approx(from_files[p.path].openset_score, abs=0.02)
    # faces of library images: both backbones' crop features are computed once, then read from their caches
    from animeid_desktop.core.recognition.faces import FaceRecognition
    from tests.core.recognition.test_faces import HalvesDetector

    faces = FaceRecognition(rec, HalvesDetector())
    ids = [r["id"] for r in rows]
    assert recognize_library(lib, image_ids=ids, recognizer=rec, faces=faces) == 5
    first = lib.query("SELECT image_id, face, character, score, unknown FROM face_predictions ORDER BY image_id, face")
    assert len(first) == 10
    calls = []
    general = rec.gate.extractor(rec.device)
    general.embed_arrays = lambda arrays: calls.append(len(arrays))
    rec.features = lambda arrays: calls.append(len(arrays))
    assert recognize_library(lib, image_ids=ids, recognizer=rec, faces=faces) == 5 and calls == []
    again = lib.query("SELECT image_id, face, character, score, unknown FROM face_predictions ORDER BY image_id, face")
    assert again == first


def test_library_predictions_and_the_label_next_queue_use_the_open_set(tmp_path, isolated_weights):
    lib, _written = synthetic_library(tmp_path, n_characters=KNOWN, per_character=10, unlabelled=12)
    train(lib, TrainConfig(image_size=TINY, epochs=4))
    rec = Recognizer.load(lib)
    assert recognize_library(lib, recognizer=rec) == 12
    stored = {r["image_id"]: bool(r["unknown"]) for r in lib.query(
        "SELECT image_id, unknown FROM predictions WHERE rank = 1")}
    rows = lib.query_in("SELECT id, sha256, path FROM images WHERE id IN ({marks})", list(stored))
    expected = {p.image_id: p.unknown for p in rec.predict_rows(lib, rows)}
    assert stored == expected and all(p.openset_score is not None for p in rec.predict_rows(lib, rows))
    queue = label_next_queue(lib)
    assert {it.image_id: it.unknown for it in queue} == expected
    lib.close()
