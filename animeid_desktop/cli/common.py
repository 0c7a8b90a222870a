"""Helpers shared by CLI commands: the ``--library`` option, opening the library, progress bars."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any, Optional, TextIO

from animeid_desktop.core.library.folder import Library

_DEFAULT = argparse.SUPPRESS


def library_parent() -> argparse.ArgumentParser:
    """A parent parser adding ``--library DIR`` (accepted before or after the command)."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "--library",
        metavar="DIR",
        default=_DEFAULT,
        help="library folder (default: $ANIMEID_LIBRARY or the per-user data folder)",
    )
    return p


def add_command(sub, name: str, help: str, func) -> argparse.ArgumentParser:
    """Add a sub-command that accepts ``--library`` and runs ``func(args)``."""
    p = sub.add_parser(name, help=help, description=help, parents=[library_parent()])
    p.set_defaults(func=func)
    return p


def open_library(args: argparse.Namespace, create: bool = True) -> Library:
    """Open the library named by ``--library`` / ``ANIMEID_LIBRARY`` / the default."""
    return Library.open(getattr(args, "library", None), create=create)


def print_json(obj: Any, stream: Optional[TextIO] = None) -> None:
    """Print one JSON document (UTF-8, not ASCII-escaped) to ``stream`` (default: the current stdout)."""
    stream = stream or sys.stdout
    stream.write(json.dumps(obj, ensure_ascii=False) + "\n")
    stream.flush()


class ProgressBar:
    """A terminal progress bar; silent when the stream is not a terminal (or ``enabled`` is false)."""

    def __init__(self, label: str, stream: Optional[TextIO] = None, enabled: Optional[bool] = None) -> None:
        self.label = label
        self.stream = stream = stream or sys.stderr
        self.enabled = stream.isatty() if enabled is None else enabled
        self._last = 0.0
        self._start = time.monotonic()

    def __call__(self, done: int, total: int, message: str = "") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        width = 30
        frac = done / total if total else 0.0
        bar = "#" * int(frac * width) + "-" * (width - int(frac * width))
        rate = done / max(now - self._start, 1e-6)
        msg = (message[:40] + "…") if len(message) > 41 else message
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total} {rate:5.1f}/s {msg:<42}")
        if total and done >= total:
            self.stream.write("\n")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
