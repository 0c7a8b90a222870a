"""A file that imports must train and recognise: large files in every pixel mode, end to end."""

from __future__ import annotations

from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.core.recognition.library_recognition import recognize_library
from animeid_desktop.core.recognition.recognizer import Recognizer
from animeid_desktop.core.training.pipeline import TrainConfig, train
from tests.core.badfiles import LARGE, MODE_VARIANTS, mode_images
from tests.core.engine_fixtures import TINY, easy_lib, isolated_weights

FIXTURES = (easy_lib, isolated_weights)  # shared fixtures, imported so pytest finds them


def test_large_files_in_every_mode_import_train_and_recognise(easy_lib, tmp_path):
    lib, _written = easy_lib
    folder = tmp_path / "modes" / "aka"  # labelled: the training run must decode every one
    folder.mkdir(parents=True)
    for name, (_fmt, data) in mode_images(LARGE).items():
        (folder / name).write_bytes(data)
    report = import_paths(lib, [tmp_path / "modes"])
    assert report.skipped == [] and report.added == len(MODE_VARIANTS)

    result = train(lib, TrainConfig(mode="head", image_size=TINY, epochs=2))
    assert list(result.skipped) == []

    paths = sorted(str(p) for p in folder.iterdir())
    predictions = list(Recognizer.load(lib).predict_paths(paths, top_k=1))
    assert [p.path for p in predictions] == paths
    assert [(p.path, p.error) for p in predictions if p.error] == []
    assert all(p.top and p.top[0][0] in {"aka", "ao", "midori"} for p in predictions)

    ids = [int(i) for i in report.image_ids]
    assert recognize_library(lib, image_ids=ids, top_k=1) == len(ids)
