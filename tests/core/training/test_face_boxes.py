"""Training from face boxes: a boxed group shot trains each of its characters from its crop."""

from __future__ import annotations

from PIL import Image

from animeid_desktop.core.library import image_characters as IC
from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.core.library.label_state import Region
from animeid_desktop.core.library.labels import labelled_images
from animeid_desktop.core.training.data import labelled_set
from animeid_desktop.core.training.pipeline import TrainConfig, same_image_groups, train
from tests.core.engine_fixtures import TINY, isolated_weights, synth_lib

FIXTURES = (isolated_weights, synth_lib)  # shared fixtures, imported so pytest finds them

HEAD = dict(image_size=TINY, epochs=4)
LEFT, RIGHT = Region(0.0, 0.0, 0.5, 1.0), Region(0.5, 0.0, 1.0, 1.0)


def _two_character_picture(lib, tmp_path, first: dict, second: dict) -> int:
    """Two labelled pictures side by side, imported as a new image labelled with both characters."""
    a, b = Image.open(first["path"]).convert("RGB"), Image.open(second["path"]).convert("RGB")
    pair = Image.new("RGB", (a.width + b.width, max(a.height, b.height)))
    pair.paste(a, (0, 0))
    pair.paste(b, (a.width, 0))
    path = tmp_path / "pair.png"
    pair.save(path)
    import_paths(lib, [str(path)])
    image_id = lib.query("SELECT id FROM images WHERE path = ?", (str(path),))[0]["id"]
    IC.set_characters(lib, [image_id], [first["character"], second["character"]])
    return image_id


def _pick_two(lib):
    singles = labelled_images(lib)
    first = singles[0]
    return singles, first, next(r for r in singles if r["character"] != first["character"])


def test_a_two_character_picture_with_boxes_trains_both(synth_lib, tmp_path):
    lib, _ = synth_lib
    singles, first, second = _pick_two(lib)
    pair = _two_character_picture(lib, tmp_path, first, second)
    assert [s.reason for s in labelled_set(lib).group_shots] == ["group shot (2 characters): needs face boxes"]
    IC.set_region(lib, pair, first["character"], LEFT)
    IC.set_region(lib, pair, second["character"], RIGHT)
    data = labelled_set(lib)
    assert data.group_shots == ()
    crops = [r for r in data.rows if r["id"] == pair]
    assert sorted(r["character"] for r in crops) == sorted([first["character"], second["character"]])
    assert all(r["box"] in (LEFT.box, RIGHT.box) and r["sha256"] != r["path"] for r in crops)
    result = train(lib, TrainConfig(**HEAD))
    assert result.train_count + result.val_count == len(singles) + 2 + result.detected_face_crops
    assert result.skipped == []
    assert result.labelled_count == len(singles) + 1
    for r in crops:  # the crop files hold the halves of the picture
        assert Image.open(r["path"]).size[0] < Image.open(r["source"]).size[0]


def test_finetune_reads_the_crops_too(synth_lib, tmp_path):
    lib, _ = synth_lib
    singles, first, second = _pick_two(lib)
    pair = _two_character_picture(lib, tmp_path, first, second)
    IC.set_region(lib, pair, first["character"], LEFT)
    IC.set_region(lib, pair, second["character"], RIGHT)
    result = train(lib, TrainConfig(mode="finetune", image_size=TINY, epochs=1, batch_size=8, refit=False))
    assert result.train_count + result.val_count == len(singles) + 2 + result.detected_face_crops
    assert result.skipped == []


def test_a_single_character_with_a_box_trains_picture_and_crop(synth_lib):
    lib, _ = synth_lib
    singles, first, _second = _pick_two(lib)
    before = labelled_set(lib)
    IC.set_region(lib, first["id"], first["character"], LEFT)
    after = labelled_set(lib)
    assert len(after.rows) == len(singles) + 1 and after.fingerprint != before.fingerprint
    assert [r["character"] for r in after.rows if r["id"] == first["id"]] == [first["character"]] * 2
    result = train(lib, TrainConfig(**HEAD, incremental=False))
    assert result.train_count + result.val_count == len(singles) + 1 + result.detected_face_crops


def test_a_picture_and_its_crops_stay_on_one_side_of_the_split():
    assert same_image_groups([1, 2, 3], None) is None
    assert same_image_groups([1, 1, 2, 3, 3], None) == [0, 0, None, 1, 1]
    assert same_image_groups([1, 1, 2, 3], [None, None, 0, 0]) == [1, 1, 0, 0]
    assert same_image_groups([1, 1, 2], [4, None, None]) == [4, 4, None]
