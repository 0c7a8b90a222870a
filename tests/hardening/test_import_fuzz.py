"""Fuzzing the importer: every malformed file is imported or skipped with a reason; the library stays sound."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import import_paths
from tests.hardening.fuzzcheck import account_for_files, library_inconsistencies
from tests.hardening.malformed import EXT, apply_ops, op_strategy, seed_images, special_inputs

_FILE = st.tuples(st.sampled_from(sorted(seed_images())), st.lists(op_strategy(), min_size=0, max_size=3),
                  st.sampled_from(["", "aoi", "rin"]))


def _write(root: Path, files) -> list:
    paths = []
    for k, (name, ops, folder) in enumerate(files):
        fmt, data = seed_images()[name]
        target = root / folder if folder else root
        target.mkdir(parents=True, exist_ok=True)
        path = target / f"{k:03d}_{name}{EXT[fmt]}"
        path.write_bytes(apply_ops(data, fmt, ops))
        paths.append(str(path))
    return paths


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(_FILE, min_size=1, max_size=8))
def test_every_file_is_imported_or_reported_and_the_library_stays_consistent(files):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "in"
        paths = _write(root, files)
        lib = Library.open(Path(tmp) / "lib")
        try:
            report = import_paths(lib, [root])
            fate = account_for_files(lib, report, paths)
            assert [p for p, (outcome, _) in fate.items() if outcome == "unaccounted"] == []
            assert all(reason.strip() for outcome, reason in fate.values() if outcome == "skipped")
            assert report.files == len(paths)
            assert library_inconsistencies(lib) == []
            again = import_paths(lib, [root])
            assert again.added == 0 and len(again.skipped) == len(report.skipped)
        finally:
            lib.close()


def test_special_inputs_and_filesystem_oddities_are_all_reported(library, tmp_path):
    root = tmp_path / "in"
    (root / "kana").mkdir(parents=True)
    paths = []
    for name, data in special_inputs():
        path = root / "kana" / name
        path.write_bytes(data)
        paths.append(str(path))
    loop = root / "kana" / "loop"
    os.symlink(root / "kana", loop)  # a folder that contains itself
    os.symlink(root / "nowhere.png", root / "kana" / "dangling.png")
    os.mkfifo(root / "kana" / "pipe.jpg")
    report = import_paths(library, [root])
    fate = account_for_files(library, report, paths)
    assert [p for p, (outcome, _) in fate.items() if outcome == "unaccounted"] == []
    reasons = dict(report.skipped)
    assert "symlink loop" in reasons[str(loop)]
    assert "broken link" in reasons[str(root / "kana" / "dangling.png")]
    assert "not a regular file" in reasons[str(root / "kana" / "pipe.jpg")]
    assert fate[str(root / "kana" / "png_named.jpg")][0] == "added"
    assert "empty file" in reasons[str(root / "kana" / "zero.jpg")]
    assert "not an image" in reasons[str(root / "kana" / "text.png")]
    assert library_inconsistencies(library) == []
