"""Never shrink a training set silently: the labelled images a run could not use are listed with reasons."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import torch

from animeid_desktop.core.engine.preprocess import default_preprocessing
from animeid_desktop.core.engine.registry import Network, get_spec, seeded_backbone
from animeid_desktop.core.library import runs
from animeid_desktop.core.library.labels import labelled_images
from animeid_desktop.core.training.config import Recipe, SkippedImage
from animeid_desktop.core.training.finetune import finetune
from animeid_desktop.core.training.pipeline import TrainConfig, skipped_images, train
from tests.core.engine_fixtures import TINY, isolated_weights, synthetic_library

FIXTURES = (isolated_weights,)  # shared fixtures, imported so pytest finds them


def _truncate(path: str) -> None:
    data = Path(path).read_bytes()
    Path(path).write_bytes(data[: len(data) // 3])


def test_a_run_lists_the_labelled_images_it_could_not_use(tmp_path, isolated_weights):
    lib, _ = synthetic_library(tmp_path, n_characters=3, per_character=8)
    rows = labelled_images(lib)
    _truncate(rows[0]["path"])  # damaged after import
    os.remove(rows[1]["path"])  # gone after import
    result = train(lib, TrainConfig(image_size=TINY, epochs=2))
    by_path = {s.path: s.reason for s in result.skipped}
    assert set(by_path) == {rows[0]["path"], rows[1]["path"]}
    assert "truncated" in by_path[rows[0]["path"]] and by_path[rows[1]["path"]] != by_path[rows[0]["path"]]
    assert result.labelled_count == 24 and result.train_count + result.val_count == 22 + result.detected_face_crops
    assert result.skipped_share() == 2 / 24
    assert skipped_images(lib, result.run_id) == result.skipped  # stored with the run for the GUI
    meta = json.loads(open(os.path.join(result.path, "meta.json")).read())
    assert {s["path"] for s in meta["metrics"]["skipped"]} == set(by_path)
    assert result.to_json()["skipped"][0].keys() == {"path", "reason"}
    lib.close()


def test_runs_without_a_skipped_list_have_none(tmp_path, isolated_weights):
    lib, _ = synthetic_library(tmp_path, n_characters=2, per_character=6)
    clean = train(lib, TrainConfig(image_size=TINY, epochs=1))
    assert clean.skipped == [] and skipped_images(lib, clean.run_id) == []
    runs.create_run(lib, "old-run", "efficientnet_lite0", "head", None)
    runs.finish_run(lib, "old-run", "done", metrics={"skipped": 3})  # stored before the list was kept: a count
    assert skipped_images(lib, "old-run") == []
    lib.close()


def test_finetune_lists_training_images_it_cannot_decode(tmp_path):
    lib, written = synthetic_library(tmp_path, n_characters=2, per_character=4)
    lib.close()
    names = sorted(k for k in written if k)
    paths = [str(p) for n in names for p in written[n]]
    y = np.array([i for i, n in enumerate(names) for _ in written[n]])
    _truncate(paths[1])
    spec = get_spec("efficientnet_lite0")
    network = Network(seeded_backbone(spec, 0), spec.feature_dim, len(names))
    prep = default_preprocessing(spec, TINY)
    out = finetune(network, prep, train_paths=paths, y_train=y, val_images=torch.zeros((0, 3, TINY, TINY),
                   dtype=torch.uint8), y_val=y[:0], recipe=Recipe(epochs=1, batch_size=4), device=torch.device("cpu"),
                   tta_flip=False)
    assert [s.path for s in out.skipped] == [paths[1]] and isinstance(out.skipped[0], SkippedImage)
    assert out.skipped[0].reason and len(out.history) == 1
