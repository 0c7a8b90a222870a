"""``animeid faces detect``: per-image boxes (JSON Lines or text), a summary, the cache, a light start-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from animeid_desktop.cli import main
from animeid_desktop.core.demo.demo_library import DEMO_FOLDER, build_demo_library
from animeid_desktop.core.demo.synthetic_groups import TRUTH_FILE
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.media.face_detection import box_iou

pytest.importorskip("cv2")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """A demo library with four group shots (their truth in group_truth.json)."""
    root = tmp_path_factory.mktemp("faces") / "lib"
    lib = Library.open(root)
    try:
        build_demo_library(lib, n_characters=3, per_character=2, unlabelled=1, seed=5, group_shots=4)
    finally:
        lib.close()
    return root


def run(capsys, *argv) -> tuple:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_lines_one_object_per_library_image(capsys, demo):
    code, out, err = run(capsys, "--library", demo, "faces", "detect", "--json")
    assert code == 0
    docs = [json.loads(line) for line in out.splitlines()]
    assert len(docs) == 11 and all(set(d) == {"path", "image_id", "faces", "error"} for d in docs)
    assert [d["image_id"] for d in docs] == sorted(d["image_id"] for d in docs)
    for d in docs:
        assert d["error"] is None
        for face in d["faces"]:
            assert set(face) == {"box", "score"} and len(face["box"]) == 4 and face["score"] > 0
    truth = json.loads((demo / DEMO_FOLDER / TRUTH_FILE).read_text(encoding="utf-8"))
    by_name = {Path(d["path"]).name: d for d in docs}
    found = sum(any(box_iou(t, f["box"]) >= 0.5 for f in by_name[name]["faces"])
                for name, shot in truth.items() for t in shot["faces"])
    assert found >= 0.5 * sum(len(shot["faces"]) for shot in truth.values())  # about 85% on average
    assert "image(s) with at least one face" in err and "0 from the cache" in err


def test_second_run_is_cached_and_text_output_says_when_no_face(capsys, demo, tmp_path):
    run(capsys, "--library", demo, "faces", "detect")
    blank = tmp_path / "blank.png"
    from PIL import Image

    Image.new("RGB", (120, 90), "white").save(blank)
    group = demo / DEMO_FOLDER / "group_0000.png"
    code, out, _ = run(capsys, "--library", demo, "faces", "detect", blank, group)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"{blank}\tno face found (the whole picture is the unit)"
    assert lines[1].startswith(f"{group}\t") and "face(s): [" in lines[1]
    assert "1 of 2 image(s) with at least one face" in lines[-1] and "1 from the cache" in lines[-1]
    code, out, _ = run(capsys, "--library", demo, "faces", "detect", "--json", group, blank)
    docs = [json.loads(line) for line in out.splitlines()]
    assert docs[0]["image_id"] is not None and docs[1]["image_id"] is None  # the group shot is in the library


def test_luma_only_runs_one_pass_and_is_cached_apart(capsys, demo, tmp_path):
    import numpy as np

    from animeid_desktop.core.demo.synthetic import make_specs
    from animeid_desktop.core.demo.synthetic_groups import render_group

    shot = tmp_path / "duo.png"  # a light-haired face that only the darkest pass finds (the detector's tests)
    render_group(make_specs(6)[0:2], np.random.default_rng(0), size=320).image.save(shot)
    code, out, err = run(capsys, "--library", demo, "faces", "detect", "--json", shot)
    assert code == 0 and len(json.loads(out)["faces"]) == 2
    code, out, err = run(capsys, "--library", demo, "faces", "detect", "--json", "--luma-only", shot)
    assert code == 0 and "0 from the cache" in err  # another detector: its own cache entries
    assert len(json.loads(out)["faces"]) == 1
    _, _, err = run(capsys, "--library", demo, "faces", "detect", "--json", "--luma-only", shot)
    assert "1 from the cache" in err


def test_unreadable_paths_are_reported_per_file(capsys, demo, tmp_path):
    (tmp_path / "notes.png").write_text("not a picture", encoding="utf-8")
    code, out, err = run(capsys, "--library", demo, "faces", "detect", "--json", tmp_path / "gone.png", tmp_path)
    docs = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [Path(d["path"]).name for d in docs] == ["gone.png", "notes.png"]
    assert docs[0]["error"].startswith("cannot read file") and "not an image" in docs[1]["error"]
    assert all(d["faces"] == [] for d in docs) and "2 unreadable" in err


def test_bad_parameter_is_a_one_line_error(capsys, demo):
    code, _, err = run(capsys, "--library", demo, "faces", "detect", "--min-face", "2")
    assert code == 2 and "--min-face must be a fraction" in err


PROBE = """
import json, sys
from animeid_desktop.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "loaded": [m for m in ("cv2", "torch") if m in sys.modules]}))
"""


def probe(*argv) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", PROBE, *map(str, argv)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_faces_loads_opencv_only_inside_the_command(demo):
    assert probe("--library", demo, "characters") == {"code": 0, "loaded": []}
    assert probe("--library", demo, "faces", "detect", "--json") == {"code": 0, "loaded": ["cv2"]}


def test_assign_proposes_then_stores_detector_boxes(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("ANIMEID_WEIGHTS_DIR", str(tmp_path / "weights"))
    root = tmp_path / "lib"
    lib = Library.open(root)
    build_demo_library(lib, n_characters=3, per_character=4, unlabelled=0, seed=5, group_shots=6)
    lib.close()
    assert main(["--library", str(root), "train", "--epochs", "1", "--image-size", "64", "--quiet"]) == 0
    capsys.readouterr()
    code, out, err = run(capsys, "--library", root, "faces", "assign", "--dry-run", "--json")
    proposed = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and "proposed" in err
    assert all(set(d) == {"image_id", "path", "score", "faces"} for d in proposed)
    code, out, _ = run(capsys, "--library", root, "faces", "assign")
    assert code == 0 and f"stored for {len(proposed)} image(s)" in out
    lib = Library.open(root)
    try:
        stored = lib.query("SELECT COUNT(DISTINCT image_id) AS n FROM labels WHERE box_source = 'detector'")[0]["n"]
    finally:
        lib.close()
    assert stored == len(proposed)
