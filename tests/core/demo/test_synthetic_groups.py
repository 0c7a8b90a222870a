"""Group shots: two or three characters per picture, face boxes known, in the demo library on request."""

from __future__ import annotations

import json

import numpy as np
import pytest

from animeid_desktop.core.demo import synthetic as S
from animeid_desktop.core.demo.demo_library import DEMO_FOLDER, build_demo_library
from animeid_desktop.core.demo.synthetic_groups import TRUTH_FILE, render_group, write_group_shots
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.media.images import load_rgb


def test_render_group_boxes_one_face_per_character_left_to_right():
    specs = S.make_specs(3, seed=4)
    shot = render_group(specs, np.random.default_rng(3), size=300)
    again = render_group(specs, np.random.default_rng(3), size=300)
    assert shot.image.size == (300, 300) and shot.image.mode == "RGB"
    assert shot.image.tobytes() == again.image.tobytes() and shot.faces == again.faces
    assert shot.characters == tuple(s.name for s in specs)
    assert len(shot.faces) == 3
    for x0, y0, x1, y1 in shot.faces:
        assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1
    assert [b[2] for b in shot.faces[:-1]] <= [b[0] for b in shot.faces[1:]]  # side by side, no overlap
    # The face is drawn where the box says: a cheek (a third across, below the eyes) has the skin tone.
    arr = np.asarray(shot.image, dtype=np.float32)
    for (x0, y0, x1, y1), spec in zip(shot.faces, specs):
        cheek = arr[round((y0 + 0.72 * (y1 - y0)) * 300), round((x0 + (x1 - x0) / 3) * 300)]
        assert np.abs(cheek - np.array(spec.skin_tone)).max() < 90


def test_write_group_shots_writes_pictures_and_truth(tmp_path):
    truth = write_group_shots(tmp_path, 8, S.make_specs(4), size=128, seed=2)
    assert sorted(truth) == [f"group_{j:04d}.png" for j in range(8)]
    assert json.loads((tmp_path / TRUTH_FILE).read_text(encoding="utf-8")) == truth
    assert {len(t["characters"]) for t in truth.values()} == {2, 3}
    for name, t in truth.items():
        assert len(set(t["characters"])) == len(t["characters"]) == len(t["faces"])
        assert load_rgb(tmp_path / name).size == (128, 128)
    with pytest.raises(ValueError, match="at least 2"):
        write_group_shots(tmp_path, 1, S.make_specs(1))


def test_demo_library_adds_group_shots_only_when_asked(library, tmp_path):
    report = build_demo_library(library, n_characters=3, per_character=2, unlabelled=1, seed=2, group_shots=4)
    assert (report.added, report.labelled) == (11, 6)
    truth = json.loads((library.root / DEMO_FOLDER / TRUTH_FILE).read_text(encoding="utf-8"))
    names = {s.name for s in S.make_specs(3, seed=2)}
    assert len(truth) == 4 and all(set(t["characters"]) <= names for t in truth.values())
    assert not (library.root / DEMO_FOLDER / "group_0004.png").exists()
    with pytest.raises(UserError, match="at least 2"):
        build_demo_library(library, n_characters=1, per_character=1, unlabelled=0, group_shots=1)


def test_default_demo_has_no_group_shots(library):
    build_demo_library(library, n_characters=2, per_character=1, unlabelled=1, seed=1)
    assert not list((library.root / DEMO_FOLDER).glob("group_*"))
