"""Command-line interface ``animeid`` over the Qt-free core.

Each command group lives in its own ``cmd_*`` module with a ``register(subparsers)`` function.
Errors caused by the user (:class:`UserError`) print one line and exit 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import List, Optional

from animeid_desktop import __version__
from animeid_desktop.cli.common import CommandParser, for_this_program, library_parent, program_name
from animeid_desktop.core.errors import Cancelled, UserError

# Command modules, in help order; each must exist (a misspelt name fails at start-up).
COMMAND_MODULES = [
    "cmd_library",
    "cmd_train",
    "cmd_recognize",
    "cmd_faces",
    "cmd_models",
    "cmd_bench",
    "cmd_curation",
    "cmd_maintenance",
    "cmd_watch",
]


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every command of :data:`COMMAND_MODULES` registered."""
    parser = argparse.ArgumentParser(
        prog=program_name(),
        description="AnimeID Desktop: tag, train and recognise anime characters offline.",
        parents=[library_parent()],
    )
    parser.add_argument("--version", action="version", version=f"{program_name()} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"animeid_desktop.cli.{name}").register(sub)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point of the ``animeid`` console script; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):
        # Character names may be any Unicode; never crash on a console that cannot show them.
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError):
                pass
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 1
    try:
        result = args.func(args)
    except UserError as exc:
        print(f"{program_name()}: error: {for_this_program(str(exc))}", file=sys.stderr)
        return 2
    except Cancelled:
        print(f"{program_name()}: cancelled", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print(f"{program_name()}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return int(result or 0)
