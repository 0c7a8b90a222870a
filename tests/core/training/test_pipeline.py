"""Head training on a synthetic library: metrics, model files, active run, incremental retraining, cancel."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from animeid_desktop.core.engine.splits import stratified_split, validation_count
from animeid_desktop.core.errors import Cancelled, UserError
from animeid_desktop.core.library import image_characters as IC
from animeid_desktop.core.library import runs
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.core.library.labels import clear_labels, labelled_images
from animeid_desktop.core.training.pipeline import TrainConfig, TrainEvent, labelled_set_changed, model_for, train
from tests.core.engine_fixtures import (
    TINY,
    easy_lib,
    face_crops_found,
    isolated_weights,
    synth_lib,
    synthetic_library,
)

FIXTURES = (easy_lib, isolated_weights, synth_lib)  # shared fixtures, imported so pytest finds them

HEAD = dict(image_size=TINY, epochs=8)


def test_split_is_stratified_stable_and_never_empties_a_class():
    keys = [f"k{i}" for i in range(23)]
    labels = [0] * 10 + [1] * 12 + [2]
    train_idx, val_idx = stratified_split(keys, labels, 0.2, seed=0)
    assert sorted(train_idx + val_idx) == list(range(23))
    val_labels = [labels[i] for i in val_idx]
    assert val_labels.count(0) == 2 and val_labels.count(1) == 2 and val_labels.count(2) == 0
    assert {labels[i] for i in train_idx} == {0, 1, 2}  # the single-image class is trained, not validated
    assert stratified_split(keys, labels, 0.2, seed=0) == (train_idx, val_idx)
    assert stratified_split(keys, labels, 0.2, seed=1) != (train_idx, val_idx)
    # adding images (same quota) never moves an old training image to validation
    assert validation_count(12, 0.2) == validation_count(10, 0.2)
    train_more, val_more = stratified_split(keys + ["k23", "k24"], labels + [0, 0], 0.2, seed=0)
    assert set(train_idx) <= set(train_more) and set(val_more) - set(val_idx) <= {23, 24}
    assert validation_count(1, 0.2) == 0 and validation_count(2, 0.2) == 1 and validation_count(5, 0.5) == 2


def test_head_training_produces_metrics_files_and_an_active_run(easy_lib):
    lib, written = easy_lib
    events = []
    progress = []
    result = train(lib, TrainConfig(**HEAD), on_progress=lambda d, t, m: progress.append((d, t, m)),
                   on_event=events.append)
    names = sorted(k for k in written if k)
    assert result.classes == names and result.mode == "head" and result.model == "anime_lite0"
    assert result.pretrained and not result.cancelled and result.previous_per_class_acc is None
    assert len(result.history) == 8 and {"train_loss", "val_loss", "val_acc"} <= set(result.history[0])
    assert result.best_val_acc == max(h["val_acc"] for h in result.history)
    assert result.final_val_acc == result.history[-1]["val_acc"]
    kept = runs.get_run(lib, result.run_id).metrics["kept_epoch"]  # the saved model is the best epoch's
    assert result.history[kept - 1]["val_acc"] == result.best_val_acc
    assert result.best_val_acc >= 0.8  # 3 colour-coded characters: far above chance (0.33)
    assert set(result.per_class_acc) == set(names)
    assert np.array(result.confusion).shape == (3, 3) and np.array(result.confusion).sum() == result.val_count
    assert result.val_count == 6 and result.train_count == 24
    item = result.val_items[0]
    assert {"image_id", "true", "pred"} <= set(item) and item["true"] in names
    assert 0.0 < result.threshold < 1.0
    # files: safetensors + JSON only; the head run references the packaged backbone instead of copying it
    assert sorted(os.listdir(result.path)) == ["meta.json", "model.safetensors"]
    meta = json.loads(open(os.path.join(result.path, "meta.json")).read())
    assert meta["classes"] == names and meta["backbone"]["source"] == "shipped" and not meta["backbone"]["in_file"]
    assert meta["preprocessing"]["size"] == TINY and meta["pretrained"] is True
    # database: the run row and the active model
    assert runs.active_run_id(lib) == result.run_id
    row = runs.get_run(lib, result.run_id)
    assert row.status == "done" and list(row.classes) == names and row.best_val_acc == result.best_val_acc
    assert row.metrics["per_class_acc"] == result.per_class_acc
    # events: stages, batches and one epoch event per epoch, with the contract fields
    kinds = {e.kind for e in events}
    assert {"stage", "batch", "epoch"} <= kinds and all(isinstance(e, TrainEvent) for e in events)
    epochs = [e for e in events if e.kind == "epoch"]
    assert [e.epoch for e in epochs] == list(range(1, 9)) and epochs[0].epochs == 8
    assert epochs[-1].val_acc == result.final_val_acc
    assert any(t and d == t for d, t, _m in progress)


def test_each_mode_has_its_default_backbone_and_a_named_one_wins(library):
    assert model_for(library, TrainConfig()) == "anime_lite0"  # head: the anime-trained eyes (decision 0018)
    assert model_for(library, TrainConfig(mode="finetune")) == "efficientnet_lite0"
    assert model_for(library, TrainConfig(mode="finetune", model="mobilenet_v2")) == "mobilenet_v2"


def test_labelled_set_changed_follows_labels(synth_lib):
    lib, _ = synth_lib
    assert labelled_set_changed(lib)  # nothing trained yet
    train(lib, TrainConfig(**HEAD))
    assert not labelled_set_changed(lib)
    clear_labels(lib, [labelled_images(lib)[0]["id"]])
    assert labelled_set_changed(lib)


def test_group_shots_are_left_out_with_a_stated_reason(synth_lib):
    lib, _ = synth_lib
    singles = labelled_images(lib)
    first, second = singles[0], next(r for r in singles if r["character"] != singles[0]["character"])
    IC.add_character(lib, [first["id"]], second["character"])  # a two-character picture, no face boxes
    logs = []
    result = train(lib, TrainConfig(**HEAD), on_event=lambda e: logs.append(e.message) if e.kind == "log" else None)
    assert f"skipped {first['path']}: group shot (2 characters): needs face boxes" in logs
    skipped = runs.get_run(lib, result.run_id).skipped
    assert [(s.path, s.reason) for s in skipped] == [
        (first["path"], "group shot (2 characters): needs face boxes")]
    assert result.train_count + result.val_count == len(singles) - 1 + result.detected_face_crops
    assert runs.get_run(lib, result.run_id).metrics["labelled_count"] == len(singles)


def test_incremental_run_embeds_only_new_images_and_reports_before_after(tmp_path, isolated_weights):
    lib, written = synthetic_library(tmp_path, n_characters=3, per_character=10, seed=0)
    first_logs = []
    first = train(lib, TrainConfig(**HEAD),
                  on_event=lambda e: first_logs.append(e.message) if e.kind == "log" else None)
    # a fourth character arrives: 10 new pictures
    extra, more = synthetic_library(tmp_path / "more", n_characters=4, per_character=10, seed=0)
    extra.close()
    new_name = sorted(set(more) - set(written))[0]
    import_paths(lib, [str(p) for p in more[new_name]], character=new_name)
    assert labelled_set_changed(lib)
    logs = []
    second = train(lib, TrainConfig(**HEAD), on_event=lambda e: logs.append(e.message) if e.kind == "log" else None)
    cached = face_crops_found(first_logs)
    crops = face_crops_found(logs) - cached  # of the new pictures
    assert any(f"{30 + cached} from cache, {10 + crops} computed" in m for m in logs), logs
    assert second.incremental and second.parent_run_id == first.run_id
    assert second.previous_best_val_acc == first.best_val_acc
    assert set(second.previous_per_class_acc) == set(first.classes)  # before: old classes only
    assert new_name in second.classes and new_name in second.per_class_acc
    assert runs.active_run_id(lib) == second.run_id
    # a different architecture starts afresh from (here random) weights
    with pytest.warns(UserWarning, match="RANDOM"):
        third = train(lib, TrainConfig(model="mobilenet_v2", image_size=TINY, epochs=2))
    assert not third.incremental and third.previous_per_class_acc is None and not third.pretrained
    meta = json.loads(open(os.path.join(third.path, "meta.json")).read())
    assert meta["backbone"]["in_file"] and meta["pretrained"] is False  # random backbone saved with the run
    lib.close()


def test_removing_a_character_keeps_the_others_rows(synth_lib):
    lib, written = synth_lib
    first = train(lib, TrainConfig(**HEAD))
    gone = first.classes[0]
    ids = [r["id"] for r in labelled_images(lib) if r["character"] == gone]
    clear_labels(lib, ids)
    second = train(lib, TrainConfig(**HEAD))
    assert second.classes == first.classes[1:] and second.incremental
    assert set(second.previous_per_class_acc) == set(first.classes[1:])


def test_cancel_after_an_epoch_keeps_the_best_checkpoint(synth_lib):
    lib, _ = synth_lib
    epochs_seen = []

    def on_event(e):
        if e.kind == "epoch":
            epochs_seen.append(e.epoch)

    result = train(lib, TrainConfig(**HEAD), should_stop=lambda: len(epochs_seen) >= 2, on_event=on_event)
    assert result.cancelled and len(result.history) == 2
    row = runs.get_run(lib, result.run_id)
    assert row.metrics["kept_epoch"] == row.metrics["best_epoch"] <= 2  # the best epoch so far
    assert row.status == "cancelled" and os.path.isfile(os.path.join(result.path, "model.safetensors"))
    assert runs.active_run_id(lib) == result.run_id


def test_cancel_before_the_first_epoch_raises_and_records_it(synth_lib):
    lib, _ = synth_lib
    with pytest.raises(Cancelled):
        train(lib, TrainConfig(**HEAD), should_stop=lambda: True)
    rows = runs.list_runs(lib)
    assert [r.status for r in rows] == ["cancelled"] and runs.active_run_id(lib) is None
    with pytest.raises(UserError, match="no saved model"):
        runs.set_active(lib, rows[0].id)


def test_too_few_characters_and_bad_settings_are_user_errors(synth_lib, tmp_path):
    empty = Library.open(tmp_path / "empty")
    with pytest.raises(UserError, match="at least two characters"):
        train(empty, TrainConfig(**HEAD))
    empty.close()
    lib, _ = synth_lib
    for bad, message in [(dict(mode="magic"), "training mode"), (dict(model="vgg"), "unknown model"),
                         (dict(epochs=0), "epochs"), (dict(resize="zoom"), "resize")]:
        with pytest.raises(UserError, match=message):
            train(lib, TrainConfig(**{**HEAD, **bad}))


def test_runs_listing_and_activation(synth_lib):
    lib, _ = synth_lib
    a = train(lib, TrainConfig(**HEAD))
    b = train(lib, TrainConfig(**HEAD, incremental=False))
    listed = runs.list_runs(lib)
    assert [r.id for r in listed] == [b.run_id, a.run_id] and listed[0].active
    runs.set_active(lib, a.run_id[:-3])  # a unique prefix is enough
    assert runs.active_run_id(lib) == a.run_id
    with pytest.raises(UserError, match="does not exist"):
        runs.get_run(lib, "nope")
