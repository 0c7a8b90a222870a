"""Face detection as a job: cached by content hash and detector identity, cancellable, errors reported."""

from __future__ import annotations

import pytest

from animeid_desktop.core.demo.synthetic import make_specs
from animeid_desktop.core.demo.synthetic_groups import write_group_shots
from animeid_desktop.core.errors import Cancelled
from animeid_desktop.core.media.face_cache import FaceCache, detect_faces, summarise
from animeid_desktop.core.media.face_detection import FaceDetector, FaceParams
from animeid_desktop.core.media.hashing import file_sha256

pytest.importorskip("cv2")


@pytest.fixture(scope="module")
def rows(tmp_path_factory) -> list:
    root = tmp_path_factory.mktemp("groups")
    truth = write_group_shots(root, 6, make_specs(5), size=256, seed=1)
    return [{"path": str(root / name), "sha256": file_sha256(root / name), "id": i} for i, name in enumerate(truth)]


def run(rows, detector, cache, **kw) -> list:
    return list(detect_faces(rows, detector=detector, cache=cache, **kw))


def test_second_run_reads_the_cache_and_other_params_miss(rows, tmp_path, monkeypatch):
    detector = FaceDetector()
    cache = FaceCache.for_library(tmp_path, detector)
    first = run(rows, detector, cache)
    assert [r.path for r in first] == [r["path"] for r in rows] and not any(r.cached for r in first)
    assert summarise(first)["faces"] >= len(rows)  # two or three faces per shot, most found

    def no_detection(grey):
        raise AssertionError("a cached image was detected again")

    monkeypatch.setattr(detector, "detect_prepared", no_detection)
    second = run(rows, detector, FaceCache.for_library(tmp_path, detector))
    assert all(r.cached for r in second)
    assert [r.faces for r in second] == [r.faces for r in first]
    monkeypatch.undo()

    other = FaceDetector(FaceParams(min_neighbors=detector.params.min_neighbors + 2))
    other_cache = FaceCache.for_library(tmp_path, other)
    assert other_cache.path != cache.path
    assert not any(r.cached for r in run(rows, other, other_cache))


def test_no_face_is_cached_as_an_empty_list(tmp_path):
    from PIL import Image

    blank = tmp_path / "blank.png"
    Image.new("RGB", (200, 200), (250, 250, 250)).save(blank)
    detector = FaceDetector()
    cache = FaceCache(tmp_path / "faces.sqlite")
    row = {"path": str(blank), "sha256": file_sha256(blank)}
    (result,) = run([row], detector, cache)
    assert result.faces == () and result.error is None and result.to_json()["image_id"] is None
    assert cache.get_many([row["sha256"]]) == {row["sha256"]: ()}


def test_cancel_stops_the_job_and_keeps_what_was_found(rows, tmp_path):
    detector = FaceDetector()
    cache = FaceCache(tmp_path / "faces.sqlite")
    seen = []

    def progress(done, total, message):
        seen.append(done)

    with pytest.raises(Cancelled):
        run(rows, detector, cache, on_progress=progress, should_stop=lambda: len(seen) > 2)
    assert max(seen) == 2 < len(rows)
    assert len(cache) == 2


def test_unreadable_files_are_reported_not_cached(rows, tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    bad = {"path": str(broken), "sha256": file_sha256(broken)}
    cache = FaceCache(tmp_path / "faces.sqlite")
    results = run([bad, rows[0], bad], FaceDetector(), cache)
    assert [r.error is not None for r in results] == [True, False, True]
    assert "Pillow" in results[0].error
    assert list(cache.get_many([bad["sha256"], rows[0]["sha256"]])) == [rows[0]["sha256"]]
    assert summarise(results)["unreadable"] == 2
