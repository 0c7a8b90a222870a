"""SIGKILL during labelling and import: the database stays intact and no committed label is lost.

A handful of trials each; benchmarks/crash_safety.py runs dozens.
"""

from __future__ import annotations

import random
import sys

import pytest

from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import import_paths
from tests.hardening.crash_child import expected_labels
from tests.hardening.killing import label_map, run_and_kill, verify_import, verify_labels

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


@pytest.fixture
def labelled_library(tmp_path):
    pics = tmp_path / "pics"
    synthetic.write_folder(pics, n_characters=4, per_character=15, size=32, seed=5, attrs_file=False)
    lib = Library.open(tmp_path / "lib")
    import_paths(lib, [pics])
    initial = label_map(lib)
    lib.close()
    return tmp_path / "lib", initial


def test_journal_replay_understands_every_step_kind():
    initial = {1: "a", 2: None, 3: "b"}
    journal = ["intent 0 set c 1,2", "done 0", "intent 1 clear - 3", "done 1", "intent 2 undo b|- 3,2", "done 2",
               "intent 3 set a 1,2,3"]
    state, pending = expected_labels(initial, journal)
    assert state == {1: "c", 2: None, 3: "b"}
    assert pending == {1: "a", 2: "a", 3: "a"}


def test_labels_committed_before_a_kill_are_all_there(labelled_library):
    lib_dir, initial = labelled_library
    rng = random.Random(7)
    for trial in range(3):
        run = run_and_kill(["labels", str(lib_dir), str(trial)], delay=rng.uniform(0.1, 0.6))
        assert run.killed, run.stderr
        verdict = verify_labels(lib_dir, initial, run.journal)
        assert verdict.problems == []
        assert verdict.committed_steps > 0
        assert verdict.lost == 0
        # the step cut by the kill is all or nothing
        assert not verdict.in_flight or verdict.in_flight_applied is not None, (verdict, run.journal[-3:])
        lib = Library.open(lib_dir, create=False)
        initial = label_map(lib)
        lib.close()


def test_an_import_killed_midway_leaves_only_complete_rows_and_resumes(tmp_path):
    pics = tmp_path / "pics"
    written = synthetic.write_folder(pics, n_characters=3, per_character=40, size=32, seed=2, attrs_file=False)
    truth = {str(p): name for name, paths in written.items() for p in map(str, paths)}
    rng = random.Random(3)
    for trial in range(2):
        lib_dir = tmp_path / f"lib{trial}"
        run = run_and_kill(["import", str(lib_dir), str(pics), "7"], delay=rng.uniform(0.0, 0.2))
        verdict = verify_import(lib_dir, truth)
        assert verdict.problems == [] and verdict.bad_rows == 0, (verdict, run.stderr)
        lib = Library.open(lib_dir, create=False)
        report = import_paths(lib, [pics])
        assert report.added == len(truth) - verdict.rows
        assert report.skipped == []
        assert label_map(lib) and set(label_map(lib).values()) == set(written)
        lib.close()
        assert verify_import(lib_dir, truth).rows == len(truth)


@pytest.mark.slow
def test_killing_training_never_leaves_a_broken_active_model(tmp_path):
    from tests.hardening.crash_training import training_trials

    result = training_trials(tmp_path, trials=2, rng=random.Random(11))
    assert result["killed"] == 2
    assert result["unloadable"] == 0 and result["unknown_active"] == 0 and result["integrity"] == 0
    assert result["interrupted_activatable"] == 0  # a half-saved run can never become the active model
