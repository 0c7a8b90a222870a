"""The library commands of ``animeid``: import, characters, label/unlabel, attributes, seeds, demo."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from animeid_desktop.cli import main
from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.library.folder import Library
from tests.core.badfiles import write_bad_files


@pytest.fixture
def art(tmp_path) -> Path:
    root = tmp_path / "art"
    synthetic.write_folder(root, n_characters=2, per_character=3, size=40, seed=1, unlabelled=2)
    return root


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def characters(capsys, lib) -> dict:
    code, out, _ = run(capsys, "--library", lib, "characters", "--json")
    assert code == 0
    return {c["name"]: c["images"] for c in json.loads(out)}


def test_import_summary_then_idempotent_json(capsys, tmp_path, art):
    lib = tmp_path / "lib"
    code, out, _ = run(capsys, "--library", lib, "import", art)
    assert code == 0
    assert "added       8" in out and "labelled    6" in out and "2 loose file(s)" in out
    code, out, _ = run(capsys, "import", art, "--library", lib, "--json")
    summary = json.loads(out)
    assert code == 0 and (summary["added"], summary["duplicates"], summary["labelled"]) == (0, 8, 0)
    assert characters(capsys, lib) == {s.name: 3 for s in synthetic.make_specs(2, 1)}


def test_import_names_bad_files_and_still_succeeds(capsys, tmp_path):
    expected = write_bad_files(tmp_path / "bad")
    code, out, _ = run(capsys, "--library", tmp_path / "lib", "import", tmp_path / "bad", "--json")
    summary = json.loads(out)
    assert code == 0
    assert {Path(s["path"]).name for s in summary["skipped"]} == {n for n, e in expected.items() if e.outcome == "skip"}
    assert summary["added"] == sum(e.outcome == "ok" for e in expected.values())


def test_character_option_and_unicode(capsys, tmp_path):
    folder = tmp_path / "loose"
    folder.mkdir()
    synthetic.make_image(0, size=40)[0].save(folder / "一.png")
    lib = tmp_path / "lib"
    assert run(capsys, "--library", lib, "import", folder, "--character", "缇宝")[0] == 0
    assert characters(capsys, lib) == {"缇宝": 1}
    code, out, _ = run(capsys, "--library", lib, "characters")
    assert "缇宝" in out and "0 unlabelled" in out


def test_label_with_attributes_and_unlabel(capsys, tmp_path, art):
    lib = tmp_path / "lib"
    run(capsys, "--library", lib, "import", art)
    loose = sorted(art.glob("unsorted_*"))
    code, _, err = run(capsys, "--library", lib, "label", *loose, "--character", "newbie")
    assert code == 2 and "unknown character 'newbie'" in err and "Traceback" not in err
    assert run(capsys, "--library", lib, "label", *loose, "--character", "newbie", "--create")[0] == 0
    assert run(capsys, "--library", lib, "attributes", "define", "newbie", "mood", "--type", "choice",
               "--choices", "calm,angry")[0] == 0
    code, out, _ = run(capsys, "--library", lib, "label", loose[0], "--character", "newbie", "--attr", "mood=calm")
    assert code == 0 and "mood=calm" in out
    code, _, err = run(capsys, "--library", lib, "label", loose[1], "--character", "newbie", "--attr", "mood=sad")
    assert code == 2 and "must be one of" in err
    code, out, _ = run(capsys, "--library", lib, "attributes", "list", "newbie", "--json")
    assert json.loads(out) == [{"key": "mood", "type": "choice", "choices": ["calm", "angry"]}]
    library = Library.open(lib)
    assert library.scalar("SELECT value FROM attribute_values") == "calm"
    assert characters(capsys, lib)["newbie"] == 2
    code, out, _ = run(capsys, "--library", lib, "unlabel", *loose)
    assert code == 0 and "unlabelled 2 image(s)" in out
    assert characters(capsys, lib)["newbie"] == 0
    library.close()


def test_attribute_definition_errors(capsys, tmp_path, art):
    lib = tmp_path / "lib"
    run(capsys, "--library", lib, "import", art)
    name = synthetic.make_specs(1, 1)[0].name
    code, _, err = run(capsys, "--library", lib, "attributes", "define", name, "mood", "--type", "choice")
    assert code == 2 and "--choices" in err
    code, _, err = run(capsys, "--library", lib, "attributes", "define", name, "hat", "--type", "bool",
                       "--choices", "a,b")
    assert code == 2 and "only applies" in err


def test_seed_export_import_and_folders(capsys, tmp_path, art):
    lib, other = tmp_path / "lib", tmp_path / "other"
    run(capsys, "--library", lib, "import", art)
    code, out, _ = run(capsys, "--library", lib, "export-seed", tmp_path / "seed")
    assert code == 0 and "2 roles" in out
    assert (tmp_path / "seed" / "role_index_mapping.json").is_file()
    code, out, _ = run(capsys, "--library", other, "import-seed", tmp_path / "seed")
    assert code == 0 and "8 image(s) added" in out
    assert characters(capsys, other) == characters(capsys, lib)
    code, out, _ = run(capsys, "--library", lib, "export-folders", tmp_path / "tree")
    assert code == 0 and "6 image(s) copied" in out
    assert sorted(p.name for p in (tmp_path / "tree").iterdir()) == sorted(characters(capsys, lib))


def test_demo_builds_a_library_and_says_what_next(capsys, tmp_path):
    code, out, _ = run(capsys, "demo", tmp_path / "demo", "--characters", "2", "--per-character", "3",
                       "--unlabelled", "2")
    assert code == 0 and "next:" in out and "make run" in out
    counts = characters(capsys, tmp_path / "demo")
    assert sorted(counts.values()) == [3, 3]
    lib = Library.open(tmp_path / "demo")
    assert lib.scalar("SELECT COUNT(*) FROM attribute_values") == 12  # 6 labelled images x 2 attributes
    lib.close()


@pytest.mark.parametrize(
    "argv, message",
    [
        (["import", "{tmp}/does-not-exist"], "no such file or folder"),
        (["characters"], "no library at"),
        (["unlabel", "{tmp}/x.png"], "no library at"),
        (["import-seed", "{tmp}/no-seed"], "no such seed folder"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path, argv, message):
    argv = [a.format(tmp=tmp_path) for a in argv]
    code, out, err = run(capsys, "--library", tmp_path / "lib", *argv)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_unreadable_library_via_python_m(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "library.sqlite").write_bytes(b"garbage" * 200)
    proc = subprocess.run(
        [sys.executable, "-m", "animeid_desktop", "--library", str(tmp_path / "lib"), "characters"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("animeid: error: cannot open library") and "Traceback" not in proc.stderr


class _Terminal:
    """A stand-in for a terminal's stderr."""

    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, s: str) -> None:
        self.text += s

    def flush(self) -> None:
        pass


def test_progress_bar_on_a_terminal_only(capsys, tmp_path, art, monkeypatch):
    term = _Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    assert run(capsys, "--library", tmp_path / "lib", "import", art)[0] == 0
    assert "import [" in term.text and "10/10" in term.text and term.text.endswith("\n")
    _, _, err = run(capsys, "--library", tmp_path / "lib2", "import", art)  # not a terminal: silent
    assert err == ""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_first_ctrl_c_stops_gracefully_second_aborts():
    import os
    import signal

    from animeid_desktop.cli.cmd_library import graceful_interrupt

    before = signal.getsignal(signal.SIGINT)  # SIG_IGN when the runner started us in the background
    with graceful_interrupt() as stop:
        os.kill(os.getpid(), signal.SIGINT)
        assert stop.wait(5)
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(1000):  # give the interpreter a chance to run the handler
                time.sleep(0.001)
    assert signal.getsignal(signal.SIGINT) is before  # the previous handler is back


def test_every_listed_command_module_registers_and_a_misspelt_one_fails(monkeypatch):
    import animeid_desktop.cli as cli

    commands = cli.build_parser()._subparsers._group_actions[0].choices
    assert {"import", "train", "recognize", "models"} <= set(commands)
    monkeypatch.setattr(cli, "COMMAND_MODULES", [*cli.COMMAND_MODULES, "cmd_librray"])
    with pytest.raises(ModuleNotFoundError, match="cmd_librray"):
        cli.build_parser()


def test_export_xmp_writes_sidecars_next_to_the_images(capsys, tmp_path, art):
    lib = tmp_path / "lib"
    assert run(capsys, "--library", lib, "import", art)[0] == 0
    code, out, _ = run(capsys, "--library", lib, "export", "xmp", "--sidecar-name", "image.xmp")
    assert code == 0 and "wrote 6 XMP sidecar(s) (0 unchanged) for 6 labelled image(s)" in out
    sidecars = sorted(p.relative_to(art).as_posix() for p in art.rglob("*.xmp"))
    assert len(sidecars) == 6 and all(s.count("/") == 1 and not s.endswith(".png.xmp") for s in sidecars)
    code, out, _ = run(capsys, "--library", lib, "export", "xmp", "--json")
    assert code == 0 and json.loads(out)["sidecars"] == 6 and json.loads(out)["style"] == "image.jpg.xmp"
    code, _out, err = run(capsys, "--library", lib, "export", "xmp", tmp_path / "out")
    assert code == 2 and "next to the images" in err


def test_label_several_characters_add_and_remove_one(capsys, tmp_path, art):
    lib = tmp_path / "lib"
    run(capsys, "--library", lib, "import", art)
    a, b = sorted(characters(capsys, lib))
    loose = sorted(art.glob("unsorted_*"))
    code, out, _ = run(capsys, "--library", lib, "label", loose[0], "--character", a, "--character", b)
    assert code == 0 and f"labelled 1 image(s) as {a}+{b}" in out
    code, out, _ = run(capsys, "--library", lib, "label", loose[1], "--character", "cameo", "--create")
    code, out, _ = run(capsys, "--library", lib, "label", loose[1], "--character", a, "--add")
    assert code == 0 and f"added {a} to 1 image(s)" in out
    code, out, _ = run(capsys, "--library", lib, "characters", "--json")
    listed = {c["name"]: (c["images"], c["group_shots"]) for c in json.loads(out)}
    assert listed == {a: (5, 2), b: (4, 1), "cameo": (1, 1)}
    code, out, _ = run(capsys, "--library", lib, "characters")
    assert "2 group shot(s)" in out
    code, _, err = run(capsys, "--library", lib, "label", loose[0], "--character", a, "--character", b,
                       "--attr", "x=1")
    assert code == 2 and "one character" in err
    code, out, _ = run(capsys, "--library", lib, "unlabel", loose[0], loose[1], "--character", a)
    assert code == 0 and f"removed 2 label(s) of {a}" in out
    library = Library.open(lib)
    from animeid_desktop.core.library.image_characters import characters_by_image
    from animeid_desktop.core.library.labels import image_ids_for_paths

    ids = image_ids_for_paths(library, [str(p) for p in loose])
    assert [characters_by_image(library, ids).get(i) for i in ids] == [[b], ["cameo"]]
    library.close()
