"""Maintenance commands: ``animeid check`` (integrity + missing files) and ``animeid relink DIR``."""

from __future__ import annotations

import argparse

from animeid_desktop.cli.common import ProgressBar, add_command, cli_command, open_library, print_json
from animeid_desktop.core.library.integrity import check_library
from animeid_desktop.core.library.relink import missing_images, relink

SHOW = 10  # paths listed in the human-readable output


def register(sub) -> None:
    """Add ``check`` and ``relink`` to the CLI."""
    p = add_command(sub, "check", "check the library database and mark files that vanished as missing", _check)
    p.add_argument("--no-files", action="store_true", help="only check the database, not the image files")
    p.add_argument("--verify-hashes", action="store_true",
                   help="re-hash every file to catch edits that kept the size (slow)")
    p.add_argument("--json", action="store_true", help="print one JSON document")

    p = add_command(sub, "relink", "find missing images again by content in folders they were moved to", _relink)
    p.add_argument("folders", nargs="+", metavar="DIR", help="folder(s) to search (recursively)")
    p.add_argument("--no-recursive", action="store_true", help="only look at DIR and its direct subfolders")
    p.add_argument("--json", action="store_true", help="print one JSON document")


def _check(args: argparse.Namespace) -> int:
    lib = open_library(args, create=False)
    bar = ProgressBar("checking", enabled=None if not args.json else False)
    report = check_library(lib, scan_files=not args.no_files, verify_hashes=args.verify_hashes, on_progress=bar)
    if args.json:
        print_json(report.to_dict())
        return 0 if report.ok else 1
    print(f"database: {'ok' if report.ok else 'PROBLEMS FOUND'} ({report.images} images, {report.labelled} labelled)")
    for problem in report.problems:
        print(f"  - {problem}")
    if report.files is not None:
        files = report.files
        print(f"files: {files.checked} checked, {len(files.newly_missing)} newly missing, "
              f"{len(files.back)} back, {files.missing} missing in total")
        for _id, path in files.newly_missing[:SHOW]:
            print(f"  missing: {path}")
        if files.missing:
            print(f"  find moved files again with: {cli_command('relink')} DIR")
    if report.unfinished_runs:
        print(f"training runs not finished: {len(report.unfinished_runs)} (still training elsewhere, or "
              f"interrupted; they never become the active model): {', '.join(report.unfinished_runs[:SHOW])}")
    if not report.ok:
        print("the database is damaged: restore library.sqlite from a backup, or copy the library and report this")
    return 0 if report.ok else 1


def _relink(args: argparse.Namespace) -> int:
    lib = open_library(args, create=False)
    bar = ProgressBar("relinking", enabled=None if not args.json else False)
    report = relink(lib, args.folders, recursive=not args.no_recursive, on_progress=bar)
    if args.json:
        print_json(report.to_dict())
        return 0
    print(f"relinked {len(report.relinked)} of {report.missing_before} missing image(s) "
          f"({report.files_seen} files seen, {report.files_hashed} hashed); {report.still_missing} still missing")
    for _id, old, new in report.relinked[:SHOW]:
        print(f"  {old} -> {new}")
    if report.still_missing:
        for row in missing_images(lib, limit=SHOW):
            print(f"  still missing: {row['path']}")
    return 0
