"""The one rule for "enough labelled images to train", and the label counts it is checked on."""

from __future__ import annotations

import pytest

from animeid_desktop.core.curation.health import dataset_health
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.library.folder import utcnow
from animeid_desktop.core.training.data import labelled_set, require_trainable


def _images(lib, statuses) -> list:
    with lib.write() as conn:
        return [conn.execute("INSERT INTO images(sha256, path, byte_size, format, width, height, status, added_at) "
                             "VALUES (?, ?, 1, 'png', 8, 8, ?, ?)", (f"{i:064x}", f"/p/{i}.png", s, utcnow())).lastrowid
                for i, s in enumerate(statuses)]


def test_training_problem_needs_two_characters_with_images():
    assert L.training_problem({}) == ("no character has labelled images; "
                                      "label images of at least two characters before training")
    assert L.training_problem({"rin": 0, "Aoi": 5}).startswith("only 'Aoi' has labelled images")
    assert L.training_problem({"rin": 1, "aoi": 1}) is None
    assert L.MIN_TRAIN_CHARACTERS == 2


def test_counts_skip_broken_images_and_training_health_and_counts_agree(library):
    ids = _images(library, ["ok", "ok", "broken", "ok"])
    for name in ("aoi", "rin", "mio"):
        L.add_character(library, name)
    L.set_labels(library, ids[:2], "aoi")
    L.set_labels(library, [ids[2]], "rin")  # its only image cannot be decoded
    assert L.labelled_counts(library) == {"aoi": 2}
    assert L.labelled_ids(library) == ids[:3] and L.character_of(library, ids[2]) == "rin"
    assert L.image_count(library) == 4 and L.image_count(library, only_ok=True) == 3
    problem = L.training_problem(L.labelled_counts(library))
    with pytest.raises(UserError) as err:
        require_trainable(labelled_set(library))
    assert str(err.value) == problem
    kinds = {w.kind for w in dataset_health(library, check_duplicates=False).warnings}
    assert "too_few_characters" in kinds and "no_model" not in kinds
    L.set_labels(library, [ids[3]], "mio")
    assert L.training_problem(L.labelled_counts(library)) is None
    require_trainable(labelled_set(library))
    kinds = {w.kind for w in dataset_health(library, check_duplicates=False).warnings}
    assert "too_few_characters" not in kinds and "no_model" in kinds
