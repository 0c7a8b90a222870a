"""The CLI's hints name the commands the running program offers: ``animeid`` and ``make run`` from a
source checkout, the bundle's ``animeid-cli`` and ``AnimeID`` executables when frozen."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from animeid_desktop.cli import main
from animeid_desktop.cli.common import GUI_EXE
from tests.packaging.conftest import load_plan

DEMO = ["demo", "--characters", "2", "--per-character", "2", "--unlabelled", "1"]


@pytest.fixture
def bundle(tmp_path, monkeypatch) -> Path:
    """Pretend to run as the bundle's ``animeid-cli`` (PyInstaller sets ``sys.frozen``); returns its folder."""
    folder = tmp_path / "AnimeID"
    folder.mkdir()
    cli = folder / "animeid-cli"
    cli.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(cli))
    monkeypatch.setattr(sys, "argv", [str(cli)])
    return folder


def test_source_checkout_keeps_animeid_and_make_run(capsys, tmp_path):
    assert main([*DEMO, str(tmp_path / "lib")]) == 0
    out = capsys.readouterr().out
    assert f"animeid --library {tmp_path / 'lib'} train" in out
    assert f"ANIMEID_LIBRARY={tmp_path / 'lib'} make run" in out
    assert "animeid-cli" not in out


def test_bundle_names_its_own_executables(capsys, tmp_path, bundle):
    (bundle / GUI_EXE).write_bytes(b"")
    assert main([*DEMO, str(tmp_path / "lib")]) == 0
    out = capsys.readouterr().out
    for command in ("train", "recognize", "characters"):
        assert f"animeid-cli --library {tmp_path / 'lib'} {command}" in out
    assert f"{bundle / GUI_EXE} --library {tmp_path / 'lib'}  # open the desktop app" in out
    assert "make run" not in out and "animeid --library" not in out


def test_cli_only_bundle_offers_no_desktop_app(capsys, tmp_path, bundle):
    assert main([*DEMO, str(tmp_path / "lib")]) == 0
    out = capsys.readouterr().out
    assert "animeid-cli --library" in out
    assert "desktop app" not in out and "make run" not in out


def test_bundle_errors_and_usage_name_animeid_cli(capsys, tmp_path, bundle):
    code = main(["--library", str(tmp_path / "none"), "characters"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("animeid-cli: error: no library at")
    assert "'animeid-cli import'" in err and "'animeid " not in err
    with pytest.raises(SystemExit):
        main(["--help"])
    assert capsys.readouterr().out.startswith("usage: animeid-cli")


def test_gui_executable_name_matches_the_bundle_plan():
    plan = load_plan("platform_plan.py")
    assert (GUI_EXE, "animeid-cli") == (plan.GUI_NAME, plan.CLI_NAME)
