"""The Linux/X11 start-up check: missing xcb libraries become one line with the install commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from animeid_desktop.gui import app, xcb_check

HIDDEN = {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"}


def hide(names):
    """A lookup that finds every library except ``names``."""
    return lambda soname: soname not in names


@pytest.mark.parametrize(
    "platform, env, expected",
    [
        ("linux", {}, True),
        ("linux", {"DISPLAY": ":0"}, True),
        ("linux", {"QT_QPA_PLATFORM": "xcb"}, True),
        ("linux", {"QT_QPA_PLATFORM": "xcb:nomitshm"}, True),
        ("linux", {"QT_QPA_PLATFORM": "offscreen"}, False),
        ("linux", {"QT_QPA_PLATFORM": "wayland;xcb"}, False),
        ("linux", {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, False),
        ("linux", {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "x11"}, True),
        ("win32", {}, False),
        ("darwin", {"QT_QPA_PLATFORM": "xcb"}, False),
    ],
)
def test_only_an_xcb_start_on_linux_is_checked(platform, env, expected):
    assert xcb_check.uses_xcb(platform, env) is expected


def test_missing_libraries_are_named_with_debian_and_fedora_packages():
    missing = xcb_check.missing_libraries(hide(HIDDEN))
    assert [m.soname for m in missing] == ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    line = xcb_check.advice(missing)
    assert "\n" not in line
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4, libxcb-keysyms.so.1" in line
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1;" in line
    assert line.endswith("sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-keysyms")


def test_fedora_packages_holding_several_libraries_are_named_once():
    line = xcb_check.advice(xcb_check.missing_libraries(hide({"libxcb-shm.so.0", "libxcb-sync.so.1"})))
    assert "sudo apt install libxcb-shm0 libxcb-sync1;" in line and line.endswith("sudo dnf install libxcb")


def test_check_is_silent_when_nothing_is_missing_or_the_platform_is_not_xcb():
    assert xcb_check.check_xcb_libraries(hide(set()), "linux", {}) is None
    assert xcb_check.check_xcb_libraries(hide(HIDDEN), "linux", {"QT_QPA_PLATFORM": "offscreen"}) is None
    assert xcb_check.check_xcb_libraries(hide(HIDDEN), "win32", {}) is None
    assert "libxcb-cursor0" in xcb_check.check_xcb_libraries(hide(HIDDEN), "linux", {})


def test_system_lookup_asks_the_dynamic_linker_and_the_bundle_folder(tmp_path):
    lookup = xcb_check.system_lookup(tmp_path)
    assert lookup("libanimeid-does-not-exist.so.7") is False
    (tmp_path / "libanimeid-does-not-exist.so.7").write_bytes(b"")
    assert lookup("libanimeid-does-not-exist.so.7") is True
    if sys.platform.startswith("linux"):
        assert xcb_check.system_lookup()("libc.so.6") is True


def test_gui_exits_with_the_advice_before_creating_the_application(monkeypatch, capsys):
    monkeypatch.setattr(app, "check_xcb_libraries", lambda: xcb_check.check_xcb_libraries(hide(HIDDEN), "linux", {}))
    monkeypatch.setattr(app, "make_app", lambda: pytest.fail("QApplication must not be created"))
    assert app.main([]) == app.XCB_MISSING_EXIT != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "sudo apt install libxcb-cursor0" in err[0]


def test_the_check_module_imports_no_qt():
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('xcb_check', {str(Path(xcb_check.__file__))!r})\n"
        "mod = sys.modules['xcb_check'] = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), sorted(sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
