"""The curation pages on generated data: new characters, duplicates, health, label-next, suggestions sort."""

from __future__ import annotations

import os
import shutil

import pytest
from PIL import Image
from PySide6.QtCore import QItemSelectionModel, Qt

from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.engine.features import library_features
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.gui.widgets import curation_export as export_menu


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """3 labelled characters x 8, a 4th character's 8 pictures loose, one resized copy; features cached."""
    root = tmp_path_factory.mktemp("curation-gui")
    art = root / "art"
    written = synthetic.write_folder(art, n_characters=4, per_character=8, size=64, seed=6)
    names = sorted(n for n in written if n)
    for path in written[names[-1]]:
        path.rename(art / f"loose_{path.name}")
    (art / names[-1]).rmdir()
    Image.open(written[names[0]][0]).resize((48, 48)).save(art / names[0] / "copy.png")
    lib = Library.open(root / "library")
    import_paths(lib, [art])
    library_features(lib)
    lib.close()
    return root / "library"


@pytest.fixture
def curation_window(qtbot, tmp_path, answers, template):
    from animeid_desktop.gui.app import create_window, make_app
    from animeid_desktop.gui.jobs import SyncJobRunner

    shutil.copytree(template, tmp_path / "library")
    make_app()
    window = create_window(str(tmp_path / "library"), runner=SyncJobRunner())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    yield window
    window.close()


def _labels(lib) -> dict:
    return {r["id"]: r["character"] for r in L.labelled_images(lib)}


def test_the_pages_are_in_the_navigation(curation_window):
    for key in ("clusters", "duplicates", "health"):
        assert curation_window.go_to(key) is not None


def test_name_a_cluster_after_leaving_out_a_straggler_then_undo(qtbot, curation_window):
    window = curation_window
    lib = window.session.lib
    page = window.go_to("clusters")
    page.find_groups()
    assert page.result is not None and page.browser.groups
    group = page.browser.current_group()
    assert page.browser.selected_ids() == group.image_ids  # the whole group starts selected
    straggler = group.image_ids[-1]
    view = page.browser.view
    view.selectionModel().select(page.browser.model.index(len(group.image_ids) - 1),
                                 QItemSelectionModel.SelectionFlag.Deselect)
    page.name_edit.setText("newcomer")
    assert page.name_button.text() == f"Name {len(group.image_ids) - 1}"
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    labels = _labels(lib)
    assert {i for i, c in labels.items() if c == "newcomer"} == set(group.image_ids) - {straggler}
    assert straggler not in labels
    window.session.undo()
    assert "newcomer" not in _labels(lib).values()
    page.slider.setValue(page.slider.minimum())  # loosest: everything in one group, recut without recomputing
    assert page.result.similarity == pytest.approx(-0.3)
    assert [c.size for c in page.result.clusters] == [len(page.result.ids)] and len(page.browser.groups) == 1


def test_review_duplicates(curation_window, answers):
    window = curation_window
    lib = window.session.lib
    page = window.go_to("duplicates")
    page.find()
    assert len(page.browser.groups) == 1
    group = page.browser.current_group()
    assert len(group.image_ids) == 2 and page.browser.selected_ids() == group.image_ids[:1]
    larger, copy = group.image_ids
    L.clear_labels(lib, [copy])
    page.merge()
    assert _labels(lib)[copy] == _labels(lib)[larger]
    assert not page.browser.groups
    page.find()
    answers.confirm = True
    page.keep_selected()
    assert lib.scalar("SELECT COUNT(*) FROM images WHERE id = ?", (copy,)) == 0
    assert lib.scalar("SELECT COUNT(*) FROM images WHERE id = ?", (larger,)) == 1


def test_health_page_and_keyboard_labelling(qtbot, curation_window, answers, tmp_path):
    window = curation_window
    lib = window.session.lib
    page = window.go_to("health")
    assert page.report is not None
    assert page.table.rowCount() == 3
    messages = [page.warnings.item(n).text() for n in range(page.warnings.count())]
    assert any("add about 22 more" in m for m in messages)
    page.check()
    assert page.report.duplicate_groups == 1
    page.queue_size.setValue(5)
    page.label_next()
    dialog = page.dialog
    assert dialog is not None and len(dialog.queue) == 5
    first, second = dialog.queue[0].image_id, dialog.queue[1].image_id
    first_name = window.session.characters()[0]["name"]
    qtbot.keyClick(dialog, Qt.Key.Key_1)
    assert _labels(lib)[first] == first_name and dialog.position == 1
    qtbot.keyClick(dialog, Qt.Key.Key_Space)
    assert dialog.position == 2 and second not in _labels(lib)
    qtbot.keyClick(dialog, Qt.Key.Key_Backspace)
    assert first not in _labels(lib) and dialog.position == 1
    dialog.close()
    answers.saves.append(str(tmp_path / "labels.csv"))
    page.export_menu.export("csv")
    assert (tmp_path / "labels.csv").read_text(encoding="utf-8").count("\n") == len(_labels(lib)) + 1
    answers.choices.append(next(k for k in export_menu.XMP_STYLES if k.startswith("image.xmp")))
    page.export_menu.export("xmp")
    labelled = L.labelled_images(lib)
    assert labelled and all(os.path.isfile(os.path.splitext(r["path"])[0] + ".xmp") for r in labelled)
    assert "XMP sidecars" in window.statusBar().currentMessage()
    page.attributes.train()  # no attribute values in this library
    assert answers.errors and "enough labelled examples" in answers.errors[-1]


def test_suggestions_can_be_sorted_by_usefulness(qtbot, curation_window):
    from animeid_desktop.core.training.pipeline import TrainConfig, train

    window = curation_window
    lib = window.session.lib
    train(lib, TrainConfig(image_size=64, epochs=3))
    window.session.modelChanged.emit()
    page = window.go_to("suggestions")
    if page.job is not None:
        qtbot.waitUntil(lambda: not page.job.running, timeout=60000)
    page.requery()
    confident = page.model.ids()
    assert confident
    page.sort.setCurrentIndex(page.sort.findData("useful"))
    useful = page.model.ids()
    assert sorted(useful) == sorted(confident)
    from animeid_desktop.core.curation.active_learning import order_for_labelling

    assert useful == order_for_labelling(lib, confident)
    assert "most useful" in page.status.text()


def test_predicted_attributes_label_for_a_file(qtbot, tmp_path):
    from animeid_desktop.core.curation.attribute_heads import train_attribute_heads
    from animeid_desktop.core.engine.features import FeatureConfig
    from animeid_desktop.gui.widgets.curation_attributes import PredictedAttributesLabel, format_attributes
    from tests.core.curation.test_attribute_heads import framed

    written = synthetic.write_folder(tmp_path / "art", n_characters=2, per_character=12, size=64, seed=2,
                                     attrs_file=False)
    for paths in written.values():
        for n, path in enumerate(paths):
            if n % 2:
                framed(Image.open(path).convert("RGB")).save(path)
    lib = Library.open(tmp_path / "lib")
    import_paths(lib, [tmp_path / "art"])
    for name, paths in written.items():
        L.define_attribute(lib, name, "framed", "bool")
        for n, path in enumerate(paths):
            L.set_attribute_values(lib, L.image_ids_for_paths(lib, [str(path)]), name, {"framed": str(n % 2)})
    train_attribute_heads(lib, FeatureConfig(size=64))
    name = sorted(written)[0]
    picture = framed(synthetic.make_image(name, image_seed=77, size=64, spec_seed=2)[0])
    picture.save(tmp_path / "new.png")
    label = PredictedAttributesLabel()
    qtbot.addWidget(label)
    label.show_for(lib, name, path=str(tmp_path / "new.png"))
    qtbot.waitUntil(lambda: label.text().startswith("Attributes: framed: yes"), timeout=60000)
    label.show_for(lib, None, path=str(tmp_path / "new.png"))
    assert label.text() == ""
    assert format_attributes({"framed": ("0", 0.8), "mood": ("smile", 0.5)}) == "framed: no 80% · mood: smile 50%"
    lib.close()
