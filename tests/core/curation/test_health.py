"""Dataset health: counts, validation accuracy, confusions and the advice given."""

from __future__ import annotations

from pathlib import Path

import pytest

from animeid_desktop.core.curation.health import RECOMMENDED_IMAGES, confusion_pairs, dataset_health
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.library.runs import finish_run, get_run
from animeid_desktop.core.recognition.library_recognition import recognize_library
from animeid_desktop.core.training.pipeline import TrainConfig, train
from tests.core.curation_data import PER_CHARACTER, SIZE, copy_library
from tests.core.engine_fixtures import TINY, isolated_weights, synthetic_library

FIXTURES = (isolated_weights,)  # shared fixtures, imported so pytest finds them


@pytest.fixture
def curation_copy(tmp_path):
    lib, data = copy_library(tmp_path)
    yield lib, data
    lib.close()


def test_confusion_pairs_share_counts_both_directions():
    classes = ["aoba", "nene", "rin"]
    confusion = [[8, 2, 0], [1, 9, 0], [0, 0, 5]]
    assert confusion_pairs(classes, confusion) == [("aoba", "nene", 3, 3 / 20)]


def test_health_without_a_model_asks_for_more_images_and_counts_them(curation_copy):
    lib, _data = curation_copy
    report = dataset_health(lib, check_duplicates=False)
    assert report.run_id is None and report.duplicate_groups is None
    counts = {c.name: c.images for c in report.characters}
    assert set(counts.values()) >= {PER_CHARACTER}
    few = [w for w in report.warnings if w.kind == "few_images"]
    name, n = min(counts.items(), key=lambda kv: kv[1])
    assert any(w.characters == [name] and f"{name} has {n} images" in w.message
               and f"add about {RECOMMENDED_IMAGES - n} more" in w.message for w in few)
    assert any(w.kind == "no_model" for w in report.warnings)


def test_health_with_a_model_reports_accuracy_predictions_confusions_and_duplicates(curation_copy):
    lib, data = curation_copy
    result = train(lib, TrainConfig(image_size=SIZE, epochs=4, val_fraction=0.3))
    recognize_library(lib)
    run = get_run(lib, result.run_id)
    classes = list(run.classes)
    confusion = [[4 if i == j else 0 for j in range(len(classes))] for i in range(len(classes))]
    confusion[0][1], confusion[1][0] = 2, 1  # plant confusions: 3 of 2 x (4 + 1.5) images
    finish_run(lib, result.run_id, "done", metrics={**run.metrics, "confusion": confusion})
    report = dataset_health(lib)
    by_name = {c.name: c for c in report.characters}
    assert by_name[classes[0]].confused_with == classes[1] and by_name[classes[1]].confused_with == classes[0]
    assert any(w.kind == "confused" and f"{classes[0]} and {classes[1]} are confused in" in w.message
               for w in report.warnings)
    assert sum(c.predicted for c in report.characters) + report.totals["unknown"] == len(data.held_out_ids)
    assert all(c.val_accuracy is not None and c.in_model for c in report.characters)
    assert report.duplicate_groups and report.duplicate_groups >= 2
    L.add_character(lib, "newcomer")
    L.set_labels(lib, data.held_out_ids[:3], "newcomer")
    stale = dataset_health(lib, check_duplicates=False)
    assert any(w.kind == "stale_model" and "newcomer" in w.message for w in stale.warnings)


def test_health_lists_what_the_latest_run_skipped_while_it_is_labelled(tmp_path, isolated_weights):
    lib, _ = synthetic_library(tmp_path, n_characters=2, per_character=6)
    damaged = L.labelled_images(lib)[0]
    Path(damaged["path"]).write_bytes(b"garbage, not a picture")  # after import
    train(lib, TrainConfig(image_size=TINY, epochs=1))
    report = dataset_health(lib, check_duplicates=False)
    assert [(s.image_id, s.path, s.character) for s in report.skipped] == [
        (damaged["id"], damaged["path"], damaged["character"])]
    assert report.skipped[0].reason and report.to_json()["skipped"][0]["path"] == damaged["path"]
    warning = next(w for w in report.warnings if w.kind == "skipped")
    assert "could not use 1 labelled image (" in warning.message and warning.characters == [damaged["character"]]
    L.clear_labels(lib, [damaged["id"]])  # acted on: no longer a finding
    report = dataset_health(lib, check_duplicates=False)
    assert report.skipped == [] and not any(w.kind == "skipped" for w in report.warnings)
    lib.close()
