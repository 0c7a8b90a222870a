"""Exports: ONNX (same top-1 as PyTorch), labels as CSV / JSON / folders, caption files."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.exchange.exports import (
    caption_text,
    export_captions,
    export_csv,
    export_json,
    export_labels,
    export_onnx,
)
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.training.pipeline import TrainConfig, train
from tests.core.curation_data import SIZE, copy_library


@pytest.fixture
def curation_copy(tmp_path):
    lib, data = copy_library(tmp_path)
    yield lib, data
    lib.close()


def test_caption_text_names_the_character_and_its_attributes():
    types = {"glasses": "bool", "expression": "choice", "hat": "bool"}
    assert caption_text("toyama_rin", {"glasses": "1", "expression": "smile", "hat": "0"}, types) == \
        "toyama_rin, smile, glasses"
    assert caption_text("toyama_rin", {}, {}, spaces=True) == "toyama rin"


def test_csv_and_json_hold_every_label_and_attribute(curation_copy, tmp_path):
    lib, _data = curation_copy
    labelled = {r["path"]: r["character"] for r in L.labelled_images(lib)}
    info = export_csv(lib, tmp_path / "out" / "labels.csv")
    with open(info["path"], encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["path"]: r["character"] for r in rows} == labelled
    assert info["attribute_keys"] == ["expression", "glasses"]
    some = next(r for r in rows if r["attr:glasses"])
    image_id = lib.scalar("SELECT id FROM images WHERE path = ?", (some["path"],))
    assert L.attribute_values(lib, image_id) == {"expression": some["attr:expression"], "glasses": some["attr:glasses"]}
    assert export_json(lib, tmp_path / "out" / "labels.json")["images"] == len(labelled)
    doc = json.loads((tmp_path / "out" / "labels.json").read_text(encoding="utf-8"))
    assert {i["path"]: i["character"] for i in doc["images"]} == labelled
    assert {c["name"] for c in doc["characters"]} == {c["name"] for c in L.list_characters(lib)}
    assert {a["key"] for a in doc["characters"][0]["attributes"]} == {"glasses", "expression"}


def test_captions_sit_beside_exported_images_or_the_originals(curation_copy, tmp_path):
    lib, _data = curation_copy
    rows = L.labelled_images(lib)
    info = export_captions(lib, tmp_path / "captioned")
    assert info["captions"] == len(rows) and info["copied"] == len(rows) and not info["failed"]
    texts = sorted((tmp_path / "captioned").rglob("*.txt"))
    assert len(texts) == len(rows)
    for txt in texts[:10]:
        images = [p for p in txt.parent.iterdir() if p.stem == txt.stem and p.suffix != ".txt"]
        assert len(images) == 1
        assert txt.read_text(encoding="utf-8").startswith(txt.parent.name)
    assert export_captions(lib, tmp_path / "captioned")["copied"] == 0  # nothing new to copy
    with pytest.raises(UserError):
        export_captions(lib)


def test_captions_in_place(tmp_path):
    from animeid_desktop.core.demo import synthetic
    from animeid_desktop.core.library.folder import Library
    from animeid_desktop.core.library.importer import import_paths

    written = synthetic.write_folder(tmp_path / "art", n_characters=2, per_character=2, size=32, attrs_file=False)
    lib = Library.open(tmp_path / "lib")
    import_paths(lib, [tmp_path / "art"])
    info = export_captions(lib, None, in_place=True, spaces=True)
    assert info["captions"] == 4
    for name, paths in written.items():
        assert paths[0].with_suffix(".txt").read_text(encoding="utf-8").strip() == name.replace("_", " ")
    lib.close()


def test_folder_export_and_unknown_format(curation_copy, tmp_path):
    lib, _data = curation_copy
    info = export_labels(lib, "folders", tmp_path / "chars")
    assert info["copied"] == len(L.labelled_images(lib))
    with pytest.raises(UserError, match="unknown export format"):
        export_labels(lib, "xml", tmp_path / "x")


def test_onnx_export_gives_the_same_top1_as_pytorch(curation_copy, tmp_path):
    pytest.importorskip("onnx")
    ort = pytest.importorskip("onnxruntime")
    lib, _data = curation_copy
    with pytest.raises(UserError, match="no trained model"):
        export_onnx(lib, tmp_path / "none.onnx")
    result = train(lib, TrainConfig(image_size=SIZE, epochs=3))
    info = export_onnx(lib, tmp_path / "model")
    assert info["path"].endswith("model.onnx") and info["classes"] == result.classes
    v = info["verification"]
    assert v["ok"] and v["images"] == len({i["image_id"] for i in result.val_items}) and v["same_top1"] == v["images"]
    assert json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))["classes"] == result.classes
    session = ort.InferenceSession(info["path"], providers=["CPUExecutionProvider"])
    meta = session.get_modelmeta().custom_metadata_map
    assert json.loads(meta["classes"]) == result.classes
    probs = session.run(["probabilities"], {"image": np.random.default_rng(0).random((2, 3, SIZE, SIZE),
                                                                                     dtype=np.float32)})[0]
    assert probs.shape == (2, len(result.classes)) and np.allclose(probs.sum(1), 1.0, atol=1e-4)


def test_group_shot_exports_one_row_per_character_with_its_box(tmp_path):
    from animeid_desktop.core.demo import synthetic
    from animeid_desktop.core.library import image_characters as IC
    from animeid_desktop.core.library.folder import Library
    from animeid_desktop.core.library.importer import import_paths
    from animeid_desktop.core.library.label_state import Region

    written = synthetic.write_folder(tmp_path / "art", n_characters=2, per_character=2, size=32, attrs_file=False)
    lib = Library.open(tmp_path / "lib")
    import_paths(lib, [tmp_path / "art"])
    a, b = sorted(n for n in written if n)
    (shot,) = L.image_ids_for_paths(lib, [str(written[a][0])])
    IC.add_character(lib, [shot], b)
    IC.set_region(lib, shot, b, Region(0.25, 0, 0.75, 0.5))
    with open(export_csv(lib, tmp_path / "labels.csv")["path"], encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["path"] == str(written[a][0])]
    assert [(r["character"], r["x0"], r["y1"], r["box_source"]) for r in rows] == [
        (a, "", "", ""), (b, "0.25", "0.5", "user")]
    export_json(lib, tmp_path / "labels.json")
    doc = json.loads((tmp_path / "labels.json").read_text(encoding="utf-8"))
    assert [i["box"] for i in doc["images"] if i["path"] == str(written[a][0])] == [None, [0.25, 0, 0.75, 0.5]]
    info = export_labels(lib, "folders", tmp_path / "tree")
    assert info["copied"] == 5  # 4 pictures, the group shot in both folders
    export_captions(lib, in_place=True)
    assert (written[a][0]).with_suffix(".txt").read_text(encoding="utf-8") == f"{a}, {b}\n"
    lib.close()
