"""Default library and settings folders per operating system, and portable mode on all three.

platformdirs picks its implementation from ``sys.platform`` at import; each test reloads it with
the platform mocked, so the folder asserted is the one that platform's users get.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import platformdirs
import platformdirs.windows
import pytest

from animeid_desktop.core.library import paths


@pytest.fixture
def on_platform(monkeypatch, tmp_path):
    """Switch platformdirs to ``platform`` with every per-user folder inside ``tmp_path``."""
    real = sys.platform
    for var in ("ANIMEID_LIBRARY", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "AppData" / "Roaming"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "AppData" / "Local"))
    # off Windows, the Windows implementation reads the same environment variables the shell API would return
    monkeypatch.setattr(platformdirs.windows, "_RESOLVE_WIN_FOLDER", platformdirs.windows.get_win_folder_from_env_vars)

    def switch(platform: str) -> None:
        monkeypatch.setattr(sys, "platform", platform)
        importlib.reload(platformdirs)

    yield switch
    sys.platform = real
    importlib.reload(platformdirs)


def test_windows_keeps_library_and_settings_in_local_appdata(on_platform, tmp_path):
    on_platform("win32")
    local = tmp_path / "AppData" / "Local" / "AnimeID"  # not Roaming: a library is too big to roam
    assert paths.default_library_dir() == local / "library"


def test_macos_uses_application_support(on_platform, tmp_path):
    on_platform("darwin")
    support = tmp_path / "home" / "Library" / "Application Support" / "AnimeID"
    assert paths.default_library_dir() == support / "library"


def test_linux_follows_xdg(on_platform, tmp_path, monkeypatch):
    on_platform("linux")
    assert paths.default_library_dir() == tmp_path / "home" / ".local" / "share" / "AnimeID" / "library"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert paths.default_library_dir() == tmp_path / "data" / "AnimeID" / "library"


@pytest.mark.parametrize("platform", ["win32", "darwin", "linux"])
def test_explicit_folder_and_environment_win_over_the_default(on_platform, tmp_path, monkeypatch, platform):
    on_platform(platform)
    monkeypatch.setenv("ANIMEID_LIBRARY", str(tmp_path / "env"))
    assert paths.default_library_dir() == tmp_path / "env"
    assert paths.default_library_dir(tmp_path / "given") == tmp_path / "given"


def test_portable_marker_counts_beside_the_executable_and_beside_a_macos_app(tmp_path):
    assert paths.portable_candidates(tmp_path / "AnimeID" / "AnimeID.exe") == [tmp_path / "AnimeID"]
    app_exe = tmp_path / "USB" / "AnimeID.app" / "Contents" / "MacOS" / "AnimeID"
    assert paths.portable_candidates(app_exe) == [app_exe.parent, tmp_path / "USB"]
    not_an_app = tmp_path / "Stuff" / "Contents" / "MacOS" / "tool"
    assert paths.portable_candidates(not_an_app) == [not_an_app.parent]


@pytest.mark.parametrize("layout", ["folder", "app"])
def test_portable_mode_keeps_data_and_settings_beside_the_bundle(tmp_path, monkeypatch, layout):
    if layout == "app":
        exe, marker_dir = tmp_path / "USB" / "AnimeID.app" / "Contents" / "MacOS" / "AnimeID", tmp_path / "USB"
    else:
        exe, marker_dir = tmp_path / "AnimeID" / "animeid-cli.exe", tmp_path / "AnimeID"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.delenv("ANIMEID_LIBRARY", raising=False)
    assert paths.portable_root() is None
    (marker_dir / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    root = Path(marker_dir).resolve()
    assert paths.portable_root() == root
    assert paths.default_library_dir() == root / "data" / "library"
