"""What differs per operating system in the bundle: executable names, icons, the macOS ``.app``, xcb helpers.

Pure functions of a ``sys.platform`` value (no PyInstaller import), so ``animeid.spec`` builds from
them and ``make release-check`` runs them for every platform on any machine:

    python packaging/platform_plan.py            dry run: print the plan for linux, win32 and darwin

Linux: ``AnimeID`` + ``animeid-cli``, the menu entry beside them, and the small xcb helper libraries
Qt's X11 plugin needs that a stock Ubuntu desktop lacks (taken from the build machine when present).
Windows: ``AnimeID.exe`` + ``animeid-cli.exe`` with ``app-icon.ico``. macOS: the same folder plus
``AnimeID.app`` (``app-icon.icns``, an Info.plist with bundle identifier, minimum system version and
high-resolution support). Portable mode (a ``portable`` file) works on all three; see
``animeid_desktop/core/library/paths.py``.
"""

from __future__ import annotations

import platform as _platform
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

PACKAGING_DIR = Path(__file__).resolve().parent
ROOT = PACKAGING_DIR.parent
RESOURCES = ROOT / "resources"
PLATFORMS = ("linux", "win32", "darwin")
GUI_NAME = "AnimeID"
CLI_NAME = "animeid-cli"
BUNDLE_IDENTIFIER = "io.github.animeid.desktop"
# torch's macOS arm64 wheels need macOS 11 (Big Sur) or newer; Qt 6.8+ needs 12 (Monterey).
MACOS_MINIMUM_VERSION = "12.0"
# Helpers of Qt's xcb plugin missing from a stock Ubuntu 22.04/24.04 desktop (libxcb-cursor0 above all) or
# from minimal installs. Stable ABIs, so shipping the build machine's copy is safe. libxcb.so itself stays
# out: PyInstaller excludes it on purpose (it must match the system's X stack).
XCB_HELPERS = (
    "libxcb-cursor.so.0",
    "libxcb-icccm.so.4",
    "libxcb-keysyms.so.1",
    "libxcb-image.so.0",
    "libxcb-render-util.so.0",
    "libxcb-util.so.1",
    "libxkbcommon-x11.so.0",
)
LDCONFIG_ARCH = {"x86_64": "x86-64", "aarch64": "AArch64"}

Finder = Callable[[str], Optional[str]]


@dataclass(frozen=True)
class PlatformPlan:
    """Everything the spec decides per platform."""

    platform: str
    gui_exe: str
    cli_exe: str
    icon: Optional[Path]
    top_level_files: Tuple[Path, ...]
    xcb_binaries: Tuple[Tuple[str, str], ...] = ()  # (source path, destination folder) for Analysis(binaries=)
    xcb_missing: Tuple[str, ...] = ()  # helpers the build machine lacks (the bundle then relies on the system)
    app_bundle: Optional[str] = None  # macOS: name of the .app
    info_plist: Dict[str, object] = field(default_factory=dict)

    def executable_order(self) -> Tuple[str, str]:
        """Order of the executables in COLLECT; on macOS the ``.app`` launches the first one, the GUI."""
        return (self.gui_exe, self.cli_exe) if self.app_bundle else (self.cli_exe, self.gui_exe)


def is_windows(platform: str) -> bool:
    return platform.startswith("win")


def exe_name(name: str, platform: str) -> str:
    """File name of an executable on ``platform``."""
    return f"{name}.exe" if is_windows(platform) else name


def icon_for(platform: str) -> Optional[Path]:
    """Executable icon: ``.ico`` on Windows, ``.icns`` for the macOS ``.app``; Linux sets it at run time."""
    if is_windows(platform):
        return RESOURCES / "app-icon.ico"
    if platform == "darwin":
        return RESOURCES / "app-icon.icns"
    return None


def info_plist(version: str) -> Dict[str, object]:
    """Info.plist entries of ``AnimeID.app`` (PyInstaller adds the executable, icon and package type)."""
    return {
        "CFBundleName": GUI_NAME,
        "CFBundleDisplayName": "AnimeID Desktop",
        "CFBundleIdentifier": BUNDLE_IDENTIFIER,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "LSMinimumSystemVersion": MACOS_MINIMUM_VERSION,
        "NSHighResolutionCapable": True,
        "LSBackgroundOnly": False,  # PyInstaller would set it: the folder ends with the console CLI
        "NSHumanReadableCopyright": "Apache-2.0",
    }


def parse_ldconfig(text: str, machine: str) -> Dict[str, str]:
    """``{soname: path}`` for ``machine`` (``platform.machine()``) from ``ldconfig -p`` output."""
    arch = LDCONFIG_ARCH.get(machine, machine)
    found: Dict[str, str] = {}
    for line in text.splitlines():
        match = re.match(r"\s*(\S+)\s+\(([^)]*)\)\s+=>\s+(\S+)", line)
        if match and arch in match.group(2).split(","):
            found.setdefault(match.group(1), match.group(3))
    return found


def ldconfig_finder() -> Finder:
    """Find a soname through the build machine's dynamic linker cache (None when absent)."""
    try:
        text = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        try:
            text = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            text = ""
    return parse_ldconfig(text, _platform.machine()).get


def xcb_binaries(find: Finder) -> Tuple[List[Tuple[str, str]], List[str]]:
    """(binaries to add at the bundle's top level, helpers not found) for a Linux bundle."""
    binaries, missing = [], []
    for soname in XCB_HELPERS:
        path = find(soname)
        if path:
            binaries.append((path, "."))
        else:
            missing.append(soname)
    return binaries, missing


def plan_for(platform: str, *, version: str, find: Optional[Finder] = None) -> PlatformPlan:
    """The bundle plan for ``platform``; ``find`` locates xcb helpers (Linux only; default: ldconfig)."""
    common = dict(platform=platform, gui_exe=exe_name(GUI_NAME, platform), cli_exe=exe_name(CLI_NAME, platform),
                  icon=icon_for(platform))
    if platform.startswith("linux"):
        binaries, missing = xcb_binaries(find or ldconfig_finder())
        top = (PACKAGING_DIR / "animeid.desktop", PACKAGING_DIR / "install-desktop-entry.sh")
        return PlatformPlan(**common, top_level_files=top, xcb_binaries=tuple(binaries), xcb_missing=tuple(missing))
    if platform == "darwin":
        return PlatformPlan(**common, top_level_files=(), app_bundle=f"{GUI_NAME}.app", info_plist=info_plist(version))
    return PlatformPlan(**common, top_level_files=())


def problems(plan: PlatformPlan) -> List[str]:
    """What would make a build for this plan fail or ship a broken bundle (empty when fine)."""
    found = []
    for path in ([plan.icon] if plan.icon else []) + list(plan.top_level_files):
        if not path.is_file():
            found.append(f"{plan.platform}: {path.relative_to(ROOT)} is missing")
    if plan.gui_exe == plan.cli_exe:
        found.append(f"{plan.platform}: both executables are called {plan.gui_exe}")
    if plan.app_bundle and plan.executable_order()[0] != plan.gui_exe:
        found.append(f"{plan.platform}: the .app would launch {plan.executable_order()[0]}")
    return found


def source_version() -> str:
    """``__version__`` of the checkout (read, not imported)."""
    text = (ROOT / "animeid_desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.M)
    return match.group(1) if match else "0.0.0"


def describe(plan: PlatformPlan) -> str:
    """A few lines summarising a plan (the dry run's output)."""
    icon = plan.icon.relative_to(ROOT) if plan.icon else "none (set at run time)"
    lines = [f"{plan.platform}: {plan.gui_exe} + {plan.cli_exe}, icon {icon}"]
    if plan.app_bundle:
        lines.append(f"  {plan.app_bundle}: {plan.info_plist['CFBundleIdentifier']}, "
                     f"macOS >= {plan.info_plist['LSMinimumSystemVersion']}")
    if plan.top_level_files:
        lines.append(f"  beside the executables: {', '.join(p.name for p in plan.top_level_files)}")
    if plan.platform.startswith("linux"):
        lines.append(f"  xcb helpers bundled: {len(plan.xcb_binaries)} of {len(XCB_HELPERS)}"
                     + (f" (not on this machine: {', '.join(plan.xcb_missing)})" if plan.xcb_missing else ""))
    return "\n".join(lines)


def main() -> int:
    """Dry run for every platform; exit 1 when a plan has problems."""
    version = source_version()
    found = []
    for platform in PLATFORMS:
        plan = plan_for(platform, version=version)
        print(describe(plan))
        found += problems(plan)
    for line in found:
        print(f"problem: {line}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
