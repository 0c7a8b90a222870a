"""The per-platform bundle plan as pure functions: names, icons, Info.plist, xcb helpers, the dry run."""

from __future__ import annotations

import pytest

LDCONFIG = """\
1234 libs found in cache `/etc/ld.so.cache'
\tlibxcb-cursor.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb-cursor.so.0
\tlibxcb-cursor.so.0 (libc6) => /lib/i386-linux-gnu/libxcb-cursor.so.0
\tlibxcb-icccm.so.4 (libc6,AArch64) => /lib/aarch64-linux-gnu/libxcb-icccm.so.4
\tlibxcb-icccm.so.4 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb-icccm.so.4
\tlibc.so.6 (libc6,x86-64, OS ABI: Linux 3.2.0) => /lib/x86_64-linux-gnu/libc.so.6
"""


@pytest.mark.parametrize("platform, gui, cli, icon", [
    ("linux", "AnimeID", "animeid-cli", None),
    ("win32", "AnimeID.exe", "animeid-cli.exe", "app-icon.ico"),
    ("darwin", "AnimeID", "animeid-cli", "app-icon.icns"),
])
def test_names_and_icons_per_platform(platform_plan, platform, gui, cli, icon):
    plan = platform_plan.plan_for(platform, version="1.2.3", find={}.get)
    assert (plan.gui_exe, plan.cli_exe) == (gui, cli)
    assert (plan.icon.name if plan.icon else None) == icon
    assert (plan.app_bundle == "AnimeID.app") is (platform == "darwin")
    assert bool(plan.top_level_files) is (platform == "linux")  # the .desktop entry is Linux only
    assert platform_plan.problems(plan) == []


def test_only_the_mac_plan_has_an_info_plist_and_launches_the_gui_first(platform_plan):
    mac = platform_plan.plan_for("darwin", version="1.2.3")
    assert mac.info_plist["CFBundleShortVersionString"] == "1.2.3"
    assert mac.executable_order() == ("AnimeID", "animeid-cli")
    windows = platform_plan.plan_for("win32", version="1.2.3")
    assert windows.info_plist == {} and windows.executable_order() == ("animeid-cli.exe", "AnimeID.exe")


def test_ldconfig_output_is_read_for_the_build_machines_architecture(platform_plan):
    x86 = platform_plan.parse_ldconfig(LDCONFIG, "x86_64")
    assert x86["libxcb-cursor.so.0"] == "/lib/x86_64-linux-gnu/libxcb-cursor.so.0"
    assert x86["libxcb-icccm.so.4"] == "/lib/x86_64-linux-gnu/libxcb-icccm.so.4"
    assert x86["libc.so.6"] == "/lib/x86_64-linux-gnu/libc.so.6"
    arm = platform_plan.parse_ldconfig(LDCONFIG, "aarch64")
    assert arm == {"libxcb-icccm.so.4": "/lib/aarch64-linux-gnu/libxcb-icccm.so.4"}


def test_xcb_helpers_found_are_bundled_at_the_top_level_and_the_rest_reported(platform_plan):
    found = platform_plan.parse_ldconfig(LDCONFIG, "x86_64")
    plan = platform_plan.plan_for("linux", version="1", find=found.get)
    assert plan.xcb_binaries == (("/lib/x86_64-linux-gnu/libxcb-cursor.so.0", "."),
                                 ("/lib/x86_64-linux-gnu/libxcb-icccm.so.4", "."))
    assert "libxcb-keysyms.so.1" in plan.xcb_missing and "libxcb-cursor.so.0" not in plan.xcb_missing
    assert "xcb helpers bundled: 2 of 7" in platform_plan.describe(plan)
    assert platform_plan.plan_for("win32", version="1", find=found.get).xcb_binaries == ()


def test_problems_name_a_missing_icon(platform_plan, tmp_path, monkeypatch):
    monkeypatch.setattr(platform_plan, "RESOURCES", platform_plan.ROOT / "no-such-folder")
    plan = platform_plan.plan_for("win32", version="1")
    assert platform_plan.problems(plan) == ["win32: no-such-folder/app-icon.ico is missing"]


def test_dry_run_covers_every_platform(platform_plan, capsys):
    assert platform_plan.main() == 0
    out = capsys.readouterr().out
    assert "win32: AnimeID.exe + animeid-cli.exe, icon resources/app-icon.ico" in out
    assert "AnimeID.app: io.github.animeid.desktop" in out
    assert "linux: AnimeID + animeid-cli, icon none" in out
