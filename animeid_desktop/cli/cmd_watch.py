"""Watched folders: ``animeid watch add|remove|list|run``."""

from __future__ import annotations

import argparse
import sys

from animeid_desktop.cli.common import add_command, library_parent, open_library, print_json


def _print_report(report, prefix: str) -> None:
    if not (report.files or report.skipped or report.tag_problems):
        return
    labelled = f", {report.labelled} labelled" if report.labelled else ""
    print(f"{prefix}: {report.added} added, {report.duplicates} already known{labelled}, "
          f"{len(report.skipped)} skipped", flush=True)
    for path, reason in [*report.skipped, *report.conflicts, *report.tag_problems]:
        print(f"  {path}: {reason}", file=sys.stderr, flush=True)


def cmd_add(args: argparse.Namespace) -> int:
    from animeid_desktop.core.library.watching import add_watched_folder

    lib = open_library(args)
    for path in args.folders:
        folder = add_watched_folder(lib, path)
        print(f"watching {folder.path}")
    print("its pictures are imported by 'watch run' or the desktop app (subfolders = character names)")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from animeid_desktop.core.library.watching import remove_watched_folder

    lib = open_library(args, create=False)
    for path in args.folders:
        remove_watched_folder(lib, path)
        print(f"no longer watching {path} (its images stay in the library)")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from animeid_desktop.core.library.watching import watched_folders

    folders = watched_folders(open_library(args, create=False))
    if args.json:
        print_json([{"path": f.path, "scanned_ns": f.scanned_ns} for f in folders])
    elif not folders:
        print("no watched folders; add one with 'watch add FOLDER'")
    for f in folders if not args.json else []:
        print(f.path)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from animeid_desktop.cli.cmd_library import graceful_interrupt
    from animeid_desktop.core.library.watching import catch_up, watch, watched_folders

    lib = open_library(args, create=False)
    if not watched_folders(lib):
        print("no watched folders; add one with 'watch add FOLDER'", file=sys.stderr)
        return 2
    if args.once:
        report = catch_up(lib)
        if args.json:
            print_json(report.to_dict())
        elif report.files or report.skipped:
            _print_report(report, "caught up")
        else:
            print("nothing new in the watched folders")
        return 130 if report.cancelled else 0
    print("watching (Ctrl-C to stop)…", flush=True)
    with graceful_interrupt() as stop:
        watch(lib, on_report=(lambda r: print_json(r.to_dict())) if args.json else
              (lambda r: _print_report(r, "imported")), should_stop=stop.is_set)
        if not stop.is_set():
            print("no watched folders left; stopped", file=sys.stderr)
    return 0


def register(sub) -> None:
    """Add the ``watch`` command group."""
    watch = sub.add_parser("watch", help="folders whose new pictures are imported automatically",
                           description="folders whose new pictures are imported automatically",
                           parents=[library_parent()])
    actions = watch.add_subparsers(dest="watch_command", metavar="ACTION", required=True)
    p = add_command(actions, "add", "watch folders (laid out like an import: subfolders = characters)", cmd_add)
    p.add_argument("folders", nargs="+", metavar="FOLDER")
    p = add_command(actions, "remove", "stop watching folders (their images stay)", cmd_remove)
    p.add_argument("folders", nargs="+", metavar="FOLDER")
    p = add_command(actions, "list", "list the watched folders", cmd_list)
    p.add_argument("--json", action="store_true")
    p = add_command(actions, "run", "import what arrived since the last run, then keep importing until Ctrl-C",
                    cmd_run)
    p.add_argument("--once", action="store_true", help="only catch up, then exit")
    p.add_argument("--json", action="store_true", help="one JSON object per import")
