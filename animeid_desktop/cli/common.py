"""Helpers shared by CLI commands: the ``--library`` option, opening the library, progress bars."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
from pathlib import Path
from typing import Any, Callable, Optional, TextIO

from animeid_desktop.core.library.folder import Library

_DEFAULT = argparse.SUPPRESS
GUI_EXE = "AnimeID"  # the bundle's desktop-app executable, beside the CLI one (packaging/bundle_plan.py)
Arguments = Callable[[argparse.ArgumentParser], None]


class CommandParser(argparse.ArgumentParser):
    """An argument parser that may add its arguments only when it is used.

    ``animeid --help`` and the light commands then never import what other commands' options name
    (model names, training defaults: torch and friends, seconds to load).
    """

    def __init__(self, *args: Any, arguments: Optional[Arguments] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pending = arguments

    def _add_pending(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            pending(self)

    def parse_known_args(self, args=None, namespace=None):
        self._add_pending()
        return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        self._add_pending()
        return super().format_usage()

    def format_help(self) -> str:
        self._add_pending()
        return super().format_help()


def program_name() -> str:
    """What the user runs this CLI as: ``animeid``, or in the bundle its own executable (``animeid-cli``)."""
    if not getattr(sys, "frozen", False):
        return "animeid"
    name = Path(sys.argv[0]).name
    return (name[:-4] if name.lower().endswith(".exe") else name) or "animeid-cli"


def cli_command(command: str) -> str:
    """``command`` (e.g. ``"train"``) as the user types it into this program."""
    return f"{program_name()} {command}"


def for_this_program(message: str) -> str:
    """A core message with its ``'animeid ...'`` hints naming this program instead."""
    return message.replace("'animeid ", f"'{program_name()} ")


def gui_command(root: str) -> Optional[str]:
    """The shell command that opens the desktop app on library ``root``; None where there is no app."""
    if not getattr(sys, "frozen", False):
        return f"ANIMEID_LIBRARY={shlex.quote(root)} make run"
    exe = Path(sys.executable).with_name(GUI_EXE + (".exe" if sys.platform == "win32" else ""))
    return f"{shlex.quote(str(exe))} --library {shlex.quote(root)}" if exe.is_file() else None


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


def add_command(sub, name: str, help: str, func, *, arguments: Optional[Arguments] = None) -> argparse.ArgumentParser:
    """Add a sub-command that accepts ``--library`` and runs ``func(args)``.

    ``arguments(parser)``, if given, adds the command's own options when the command is used (or its
    help shown): a command whose options need heavy imports puts them there.
    """
    p = sub.add_parser(name, help=help, description=help, parents=[library_parent()], arguments=arguments)
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
