"""Before Qt starts on Linux/X11: name the system libraries its xcb plugin needs and lacks.

PySide6 >= 6.5 loads ``libxcb-cursor.so.0`` and a few other xcb helpers that a fresh desktop may
not have; Qt then aborts with "could not load the Qt platform plugin xcb" and no hint which.
:func:`missing_libraries` asks a lookup function about each soname; :func:`advice` turns the
missing ones into one line with the Debian/Ubuntu and Fedora install commands. Standard library
only (no Qt), so it runs before ``QApplication`` and is testable with the lookup mocked.
"""

from __future__ import annotations

import ctypes
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, List, Mapping, Optional, Sequence


@dataclass(frozen=True)
class SystemLibrary:
    """A shared library by soname and the package that provides it on Debian/Ubuntu and Fedora."""

    soname: str
    debian: str
    fedora: str


# What Qt 6's libqxcb.so / libQt6XcbQpa.so.6 link (readelf -d), minus libc/libstdc++.
XCB_LIBRARIES = (
    SystemLibrary("libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor"),
    SystemLibrary("libxcb-icccm.so.4", "libxcb-icccm4", "xcb-util-wm"),
    SystemLibrary("libxcb-keysyms.so.1", "libxcb-keysyms1", "xcb-util-keysyms"),
    SystemLibrary("libxcb-image.so.0", "libxcb-image0", "xcb-util-image"),
    SystemLibrary("libxcb-render-util.so.0", "libxcb-render-util0", "xcb-util-renderutil"),
    SystemLibrary("libxcb-util.so.1", "libxcb-util1", "xcb-util"),
    SystemLibrary("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", "libxkbcommon-x11"),
    SystemLibrary("libxkbcommon.so.0", "libxkbcommon0", "libxkbcommon"),
    SystemLibrary("libxcb-randr.so.0", "libxcb-randr0", "libxcb"),
    SystemLibrary("libxcb-shape.so.0", "libxcb-shape0", "libxcb"),
    SystemLibrary("libxcb-shm.so.0", "libxcb-shm0", "libxcb"),
    SystemLibrary("libxcb-sync.so.1", "libxcb-sync1", "libxcb"),
    SystemLibrary("libxcb-xfixes.so.0", "libxcb-xfixes0", "libxcb"),
    SystemLibrary("libxcb-render.so.0", "libxcb-render0", "libxcb"),
    SystemLibrary("libxcb-xkb.so.1", "libxcb-xkb1", "libxcb"),
    SystemLibrary("libxcb.so.1", "libxcb1", "libxcb"),
    SystemLibrary("libX11-xcb.so.1", "libx11-xcb1", "libX11-xcb"),
    SystemLibrary("libX11.so.6", "libx11-6", "libX11"),
    SystemLibrary("libGL.so.1", "libgl1", "libglvnd-glx"),
)

Lookup = Callable[[str], bool]


def uses_xcb(platform: str, env: Mapping[str, str]) -> bool:
    """Whether Qt will start its xcb plugin: Linux, and neither QT_QPA_PLATFORM nor a Wayland session says otherwise."""
    if not platform.startswith("linux"):
        return False
    requested = env.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        return requested.split(";")[0].split(":")[0].strip() == "xcb"
    return not (env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland")


def missing_libraries(lookup: Lookup, libraries: Sequence[SystemLibrary] = XCB_LIBRARIES) -> List[SystemLibrary]:
    """The libraries ``lookup(soname)`` cannot find, in table order."""
    return [lib for lib in libraries if not lookup(lib.soname)]


def _packages(names: Sequence[str]) -> str:
    return " ".join(dict.fromkeys(names))


def advice(missing: Sequence[SystemLibrary]) -> str:
    """One line naming the missing libraries and the commands that install them."""
    return (
        f"AnimeID cannot start its X11 window: Qt's xcb plugin needs {', '.join(m.soname for m in missing)}. "
        f"Install on Debian/Ubuntu: sudo apt install {_packages([m.debian for m in missing])}; "
        f"on Fedora: sudo dnf install {_packages([m.fedora for m in missing])}"
    )


def system_lookup(bundle_dir: Optional[Path] = None) -> Lookup:
    """A lookup that finds a soname inside ``bundle_dir`` (a frozen app's libraries) or through the dynamic linker."""

    def found(soname: str) -> bool:
        if bundle_dir is not None and (bundle_dir / soname).is_file():
            return True
        try:
            ctypes.CDLL(soname)
        except OSError:
            return False
        return True

    return found


def check_xcb_libraries(lookup: Optional[Lookup] = None, platform: str = sys.platform,
                        env: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """The advice line when Qt will use xcb and libraries are missing, else None."""
    if not uses_xcb(platform, os.environ if env is None else env):
        return None
    bundle = getattr(sys, "_MEIPASS", None)
    missing = missing_libraries(lookup or system_lookup(Path(bundle) if bundle else None))
    return advice(missing) if missing else None
