"""A damaged or too-new library database gives a clear message, never a traceback."""

from __future__ import annotations

import random

import pytest

from animeid_desktop.cli import main as cli_main
from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.folder import DB_NAME, Library
from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.core.library.integrity import check_library


@pytest.fixture
def healthy_bytes(tmp_path):
    synthetic.write_folder(tmp_path / "pics", n_characters=3, per_character=10, size=32, seed=1, attrs_file=False)
    lib = Library.open(tmp_path / "lib")
    import_paths(lib, [tmp_path / "pics"])
    lib.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    lib.close()
    return (tmp_path / "lib" / DB_NAME).read_bytes()


def _corrupt(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    kind = rng.randrange(3)
    if kind == 0:
        return bytes(buf[: rng.randrange(len(buf))])
    if kind == 1:
        for _ in range(rng.randint(1, 40)):
            i = rng.randrange(len(buf))
            buf[i] ^= 1 << rng.randrange(8)
        return bytes(buf)
    start = rng.randrange(0, max(1, len(buf) - 4096))
    buf[start : start + 4096] = bytes(min(4096, len(buf) - start))
    return bytes(buf)


def test_corrupted_database_files_are_reported_not_crashed_on(tmp_path, healthy_bytes):
    rng = random.Random(5)
    outcomes = {"refused": 0, "problems": 0, "clean": 0}
    for trial in range(40):
        folder = tmp_path / f"copy{trial}"
        folder.mkdir()
        (folder / DB_NAME).write_bytes(_corrupt(healthy_bytes, rng))
        try:
            lib = Library.open(folder, create=False)
        except UserError as exc:
            assert "cannot open library" in str(exc)
            outcomes["refused"] += 1
            continue
        report = check_library(lib)
        outcomes["problems" if report.problems else "clean"] += 1
        lib.close()
    assert outcomes["refused"] > 0 and outcomes["problems"] > 0


def test_cli_check_on_a_garbage_database_is_one_line(tmp_path, capsys):
    (tmp_path / DB_NAME).write_bytes(b"this is not a database" * 100)
    assert cli_main(["check", "--library", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("animeid: error: cannot open library") and err.count("\n") == 1


def test_a_library_from_a_newer_version_is_refused_clearly(tmp_path):
    lib = Library.open(tmp_path)
    lib.connection().execute("PRAGMA user_version = 999")
    lib.close()
    with pytest.raises(UserError, match="newer than this program"):
        Library.open(tmp_path)
