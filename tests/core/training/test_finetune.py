"""Fine-tuning mode on a tiny synthetic library: whole-network runs, chaining with head runs, cancel."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest
import torch

from animeid_desktop.core.engine.preprocess import VIEW_CANDIDATES
from animeid_desktop.core.engine.saved_models import load_run
from animeid_desktop.core.errors import Cancelled, UserError
from animeid_desktop.core.library import runs
from animeid_desktop.core.recognition.recognizer import Recognizer
from animeid_desktop.core.training.config import FINAL_FITS
from animeid_desktop.core.training.finetune import (
    ImageStore,
    _batches,
    average_states,
    final_fit_epochs,
    random_resized_crop,
    restart_period,
)
from animeid_desktop.core.training.pipeline import TrainConfig, train
from tests.core.engine_fixtures import IMAGENET, TINY, isolated_weights, synth_lib

FIXTURES = (isolated_weights, synth_lib)  # shared fixtures, imported so pytest finds them

FT = dict(mode="finetune", image_size=TINY, epochs=2, batch_size=8)


def test_restart_period_ends_training_at_the_end_of_a_cycle():
    for epochs in range(6, 40):
        t0 = restart_period(epochs)
        assert t0 < epochs <= 3 * t0 < epochs + t0  # one restart; the second cycle is (nearly) complete
    assert restart_period(12) == 4 and restart_period(3) == 3


def test_random_resized_crop_gives_the_input_size():
    rng = np.random.default_rng(0)
    img = torch.randint(0, 255, (3, 70, 90), dtype=torch.uint8)
    outs = [random_resized_crop(img, 32, rng) for _ in range(5)]
    assert all(o.shape == (3, 32, 32) and o.dtype == torch.uint8 for o in outs)
    assert len({o.float().mean().item() for o in outs}) > 1  # crops differ


def test_average_states_means_weights_and_keeps_counters():
    half = torch.bfloat16
    a = {"w": torch.tensor([1.0, 3.0]), "bn.num_batches_tracked": torch.tensor(5), "h": torch.ones(2, dtype=half)}
    b = {"w": torch.tensor([3.0, 5.0]), "bn.num_batches_tracked": torch.tensor(9), "h": torch.zeros(2, dtype=half)}
    soup = average_states([a, b])
    assert torch.equal(soup["w"], torch.tensor([2.0, 4.0]))
    assert int(soup["bn.num_batches_tracked"]) == 5 and soup["h"].dtype == torch.bfloat16
    assert torch.equal(soup["h"], torch.full((2,), 0.5, dtype=torch.bfloat16))
    assert torch.equal(average_states([a])["w"], a["w"])


def _face_and_body_image(path) -> None:
    """A portrait picture: a red square where the face usually is (upper centre), blue everywhere else."""
    from PIL import Image

    img = np.zeros((200, 120, 3), np.uint8)
    img[...] = (0, 0, 255)
    img[5:95, 15:105] = (255, 0, 0)
    Image.fromarray(img).save(path)


def _red_share(store: ImageStore, face_crops: float, seed: int = 0) -> float:
    import queue
    import threading

    q: queue.Queue = queue.Queue()
    _batches(store, np.zeros(64, np.int64), np.zeros(1, np.int64), 16, 32, np.random.default_rng(seed), q,
             threading.Event(), face_crops)
    batches = []
    while (item := q.get()) is not None:
        batches.append(item[0])
    x = torch.cat(batches).float()
    return float(((x[:, 0] > 128) & (x[:, 2] < 128)).float().mean())


def test_face_crops_come_from_the_upper_centre_square(tmp_path):
    path = tmp_path / "portrait.png"
    _face_and_body_image(path)
    from animeid_desktop.core.engine.preprocess import Preprocessing

    prep = Preprocessing(48, (0.5, 0.5, 0.5), (0.5, 0.5, 0.5))
    store = ImageStore([str(path)], prep, faces=True)
    assert store.get(0).shape == (2, 48, 48, 3)  # the picture and its face square, decoded once
    plain = ImageStore([str(path)], prep)
    assert plain.get(0).shape == (48, 48, 3)
    none, some, all_faces = (_red_share(store, share) for share in (0.0, 0.3, 1.0))
    assert all_faces > 0.8  # face-square crops are nearly all "face"
    assert none < 0.35  # whole-picture crops mostly are not
    assert none < some < all_faces
    assert _red_share(plain, 1.0) < 0.35  # without face squares in the store: whole pictures


@pytest.mark.slow
def test_finetune_saves_the_whole_network_and_recognises(synth_lib):
    lib, written = synth_lib
    head = train(lib, TrainConfig(model=IMAGENET, image_size=TINY, epochs=6))  # finetune continues a Lite0 head
    epochs = []
    result = train(lib, TrainConfig(**FT), on_event=lambda e: epochs.append(e) if e.kind == "epoch" else None)
    assert result.mode == "finetune" and len(result.history) == 2 and len(epochs) == 2
    assert result.incremental and result.parent_run_id == head.run_id  # started from the head run's rows
    assert set(result.previous_per_class_acc) == set(head.classes)
    meta = json.loads(open(os.path.join(result.path, "meta.json")).read())
    assert meta["backbone"] == {"source": "finetuned", "weights_id": f"run:{result.run_id}", "in_file": True,
                                "initial": meta["backbone"]["initial"]}
    assert meta["preprocessing"]["flip"] is True  # mirror averaging at test time
    assert meta["preprocessing"]["views"] == "full+top+face"  # the default: every view
    tuned = load_run(lib, result.run_id).network.backbone.state_dict()
    start = load_run(lib, head.run_id).network.backbone.state_dict()
    assert torch.equal(tuned["conv_stem.weight"], start["conv_stem.weight"])  # input side frozen by default
    late = [k for k in tuned if k.startswith("blocks.6.") and tuned[k].is_floating_point()]
    assert any(not torch.equal(tuned[k], start[k]) for k in late)  # the rest really trained
    name = sorted(k for k in written if k)[0]
    pred = next(Recognizer.load(lib).predict_paths([written[name][0]]))
    assert pred.error is None and pred.top[0][0] in result.classes
    # a head run after a fine-tune keeps the fine-tuned backbone (frozen) and stores it with the run: with no model
    # named, it continues the fine-tuned Lite0 instead of switching to the head-mode default
    after = train(lib, TrainConfig(image_size=TINY, epochs=3))
    assert after.model == "efficientnet_lite0"
    meta = json.loads(open(os.path.join(after.path, "meta.json")).read())
    assert after.incremental and meta["backbone"]["source"] == "run" and meta["backbone"]["in_file"]
    assert meta["backbone"]["weights_id"] == f"run:{result.run_id}"
    assert next(Recognizer.load(lib).predict_paths([written[name][0]])).error is None


def test_finetune_cancel_keeps_the_best_epoch(synth_lib):
    lib, _ = synth_lib
    seen = []
    result = train(lib, TrainConfig(**{**FT, "epochs": 4}), should_stop=lambda: len(seen) >= 1,
                   on_event=lambda e: seen.append(e) if e.kind == "epoch" else None)
    assert result.cancelled and len(result.history) == 1
    assert runs.get_run(lib, result.run_id).status == "cancelled"
    assert Recognizer.load(lib).run_id == result.run_id


def test_finetune_cancel_before_any_epoch_raises(synth_lib):
    lib, _ = synth_lib
    with pytest.raises(Cancelled):
        train(lib, TrainConfig(**FT), should_stop=lambda: True)


def test_finetune_final_fit_uses_every_image_and_can_be_turned_off(synth_lib):
    lib, _ = synth_lib
    stages = []
    result = train(lib, TrainConfig(**FT), on_event=lambda e: stages.append(e.message) if e.kind == "stage" else None)
    meta = json.loads(open(os.path.join(result.path, "meta.json")).read())
    fit = meta["metrics"]["final_fit"]
    assert fit["images"] == result.train_count + result.val_count
    assert fit["epochs"] == final_fit_epochs(2) and fit["fits"] == FINAL_FITS
    assert sum(s.startswith("final fit") and "on all" in s for s in stages) == FINAL_FITS
    assert 0.0 <= meta["metrics"]["kept_val_acc"] <= 1.0
    validated_only = train(lib, TrainConfig(**FT, refit=False))
    meta = json.loads(open(os.path.join(validated_only.path, "meta.json")).read())
    assert meta["metrics"]["final_fit"] is None


def test_cancelling_the_final_fit_keeps_the_validated_network(synth_lib):
    lib, _ = synth_lib
    state = {"final": False}

    def on_event(e):
        if e.kind == "stage" and e.message.startswith("final fit"):
            state["final"] = True

    result = train(lib, TrainConfig(**FT), should_stop=lambda: state["final"], on_event=on_event)
    assert state["final"] and not result.cancelled and len(result.history) == 2
    meta = json.loads(open(os.path.join(result.path, "meta.json")).read())
    assert meta["metrics"]["final_fit"] is None
    assert runs.get_run(lib, result.run_id).status == "done"
    assert next(Recognizer.load(lib).predict_paths([lib.db()["images"].get(1)["path"]])).error is None


def test_two_final_fits_are_averaged_into_one_network(synth_lib, monkeypatch):
    from animeid_desktop.core.training import modes as training

    lib, written = synth_lib
    soups = []
    real = training.average_states
    monkeypatch.setattr(training, "average_states", lambda states: soups.append(len(states)) or real(states))
    decodes = []
    real_store = training.training_store
    monkeypatch.setattr(training, "training_store", lambda *a, **k: decodes.append(1) or real_store(*a, **k))
    stages = []
    result = train(lib, TrainConfig(**FT, final_fits=2),
                   on_event=lambda e: stages.append(e.message) if e.kind == "stage" else None)
    assert soups == [2] and result.final_fit["fits"] == 2
    assert len(decodes) == 1  # the training images are decoded once for both fits
    assert [s for s in stages if s.startswith("final fit")] == [
        f"final fit 1 of 2 on all {result.final_fit['images']} images",
        f"final fit 2 of 2 on all {result.final_fit['images']} images"]
    name = sorted(k for k in written if k)[0]
    assert next(Recognizer.load(lib).predict_paths([written[name][0]])).error is None
    with pytest.raises(UserError, match="final fits"):
        train(lib, TrainConfig(**FT, final_fits=0))


def test_cancelling_the_second_final_fit_keeps_the_first(synth_lib):
    lib, _ = synth_lib
    state = {"stop": False}
    logs = []

    def on_event(e):
        if e.kind == "stage" and e.message.startswith("final fit 2 of 2"):
            state["stop"] = True
        if e.kind == "log":
            logs.append(e.message)

    result = train(lib, TrainConfig(**FT, final_fits=2), should_stop=lambda: state["stop"], on_event=on_event)
    assert state["stop"] and not result.cancelled
    assert result.final_fit["fits"] == 1  # the finished fit is kept, alone
    assert any("keeping the 1 finished fit(s) of 2" in m for m in logs)
    assert runs.get_run(lib, result.run_id).status == "done"


def _train_with_views(lib, views: str):
    """(result, saved meta, log lines) of a short finetune run without final fit."""
    logs = []
    result = train(lib, TrainConfig(**FT, views=views, refit=False),
                   on_event=lambda e: logs.append(e.message) if e.kind == "log" else None)
    return result, json.loads(open(os.path.join(result.path, "meta.json")).read()), logs


def test_auto_views_are_chosen_on_validation(synth_lib):
    _result, meta, logs = _train_with_views(synth_lib[0], "auto")
    assert meta["preprocessing"]["views"] in VIEW_CANDIDATES
    assert f"test-time views: {meta['preprocessing']['views']} (best on validation)" in logs


def test_finetune_with_named_views_keeps_them(synth_lib):
    lib, written = synth_lib
    _result, meta, logs = _train_with_views(lib, "full+face")
    assert meta["preprocessing"]["views"] == "full+face"
    assert not any(m.startswith("test-time views") for m in logs)  # nothing chosen: the user named them
    name = sorted(k for k in written if k)[0]
    assert next(Recognizer.load(lib).predict_paths([written[name][0]])).error is None
