"""Library commands: import, characters, label/unlabel, attributes, seed exchange, demo."""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import shlex
import signal
import sys
import threading
from typing import TYPE_CHECKING, Dict, Iterator, List

from animeid_desktop.cli.common import (
    ProgressBar,
    add_command,
    cli_command,
    gui_command,
    library_parent,
    open_library,
    print_json,
)
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library import image_characters as IC
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.label_state import LabelChange

if TYPE_CHECKING:
    from animeid_desktop.core.library.importer import ImportReport


# ------------------------------------------------------------------ helpers
class _Bar(ProgressBar):
    """A progress bar that can end its line when the job finished without reaching 100%."""

    def __init__(self, label: str) -> None:
        super().__init__(label)
        self._open = False

    def __call__(self, done: int, total: int, message: str = "") -> None:
        super().__call__(done, total, message)
        self._open = not (total and done >= total)

    def finish(self) -> None:
        if self.enabled and self._open:
            self.close()
            self._open = False


@contextlib.contextmanager
def graceful_interrupt() -> Iterator[threading.Event]:
    """First Ctrl-C asks the job to stop cleanly (its work so far is kept); a second one aborts."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum, frame):
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        print("\nstopping after the current file (Ctrl-C again to abort)…", file=sys.stderr)

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


def _print_import_report(report: ImportReport, forced: bool) -> None:
    rate = report.files_per_second()
    print(f"{report.files} file(s) in {report.seconds:.1f} s ({rate:.0f} files/s)" +
          (" — cancelled, the files done so far are kept" if report.cancelled else ""))
    print(f"  added       {report.added}")
    relinked = f" ({report.relinked} moved file(s) relinked)" if report.relinked else ""
    print(f"  duplicates  {report.duplicates}{relinked}")
    tagged = f" ({report.tagged} from XMP sidecars or caption files)" if report.tagged else ""
    print(f"  labelled    {report.labelled}{tagged}")
    print(f"  skipped     {len(report.skipped)}")
    for path, reason in report.skipped:
        print(f"    {path}: {reason}")
    if report.conflicts:
        print(f"  label conflicts {len(report.conflicts)} (existing labels kept)")
        for path, reason in report.conflicts:
            print(f"    {path}: {reason}")
    if report.tag_problems:
        print(f"  tag files   {len(report.tag_problems)} not fully used")
        for path, reason in report.tag_problems:
            print(f"    {path}: {reason}")
    if report.unlabelled_loose and not forced:
        print(f"  {report.unlabelled_loose} loose file(s) outside character folders stay unlabelled; "
              "use --character NAME to label them, put them in a folder named after the character, "
              "or tag them in an XMP sidecar")


def _parse_attrs(pairs: List[str]) -> Dict[str, str]:
    values: Dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UserError(f"--attr {pair!r}: expected KEY=VALUE, e.g. --attr glasses=yes")
        values[key.strip()] = value.strip()
    return values


# ------------------------------------------------------------------ commands
def cmd_import(args: argparse.Namespace) -> int:
    from animeid_desktop.core.library.importer import import_paths

    lib = open_library(args)
    bar = _Bar("import")
    with graceful_interrupt() as stop:
        report = import_paths(lib, args.paths, character=args.character, recursive=not args.no_recursive,
                              on_progress=bar, should_stop=stop.is_set)
    bar.finish()
    if args.json:
        print_json(report.to_dict())
    else:
        _print_import_report(report, forced=args.character is not None)
    return 130 if report.cancelled else 0


def cmd_characters(args: argparse.Namespace) -> int:
    lib = open_library(args, create=False)
    chars = L.list_characters(lib)
    groups = IC.characters_by_image(lib, IC.group_shot_ids(lib))
    in_groups = {c["name"]: sum(c["name"] in names for names in groups.values()) for c in chars}
    if args.json:
        print_json([{"name": c["name"], "images": c["images"], "group_shots": in_groups[c["name"]]} for c in chars])
        return 0
    if not chars:
        print("no characters yet (import a folder whose subfolders are character names)")
        return 0
    width = max(len(c["name"]) for c in chars)
    for c in chars:
        print(f"{c['name']:<{width}}  {c['images']:>6}")
    unlabelled = lib.scalar(
        "SELECT COUNT(*) FROM images i LEFT JOIN labels l ON l.image_id = i.id "
        "WHERE l.image_id IS NULL AND i.status = 'ok'"
    )
    print(f"{len(chars)} character(s); {unlabelled} unlabelled image(s); {len(groups)} group shot(s)")
    return 0


def cmd_label(args: argparse.Namespace) -> int:
    lib = open_library(args, create=False)
    names = list(dict.fromkeys(args.character))
    values = _parse_attrs(args.attr)
    if values and len(names) > 1:
        raise UserError("--attr sets attributes of one character; label with one --character at a time")
    if args.create:
        for name in names:
            L.add_character(lib, name)
    ids = L.image_ids_for_paths(lib, args.paths)
    with lib.write():  # labels and attribute values together, or none
        if args.add:
            for name in names:
                IC.add_character(lib, ids, name)
        elif len(names) == 1:
            L.set_labels(lib, ids, names[0], source="manual")
        else:
            IC.set_characters(lib, ids, names)
        if values:
            L.set_attribute_values(lib, ids, names[0], values)
    extra = f" with {', '.join(f'{k}={v}' for k, v in values.items())}" if values else ""
    verb = f"added {' and '.join(names)} to" if args.add else "labelled"
    target = "" if args.add else f" as {'+'.join(names)}"
    print(f"{verb} {len(ids)} image(s){target}{extra}")
    return 0


def cmd_unlabel(args: argparse.Namespace) -> int:
    lib = open_library(args, create=False)
    ids = L.image_ids_for_paths(lib, args.paths)
    if args.character:
        with lib.write():
            removed = sum(_removed(IC.remove_character(lib, ids, name)) for name in dict.fromkeys(args.character))
        print(f"removed {removed} label(s) of {' and '.join(dict.fromkeys(args.character))}")
        return 0
    change = L.clear_labels(lib, ids)
    was = change.labelled_before()
    print(f"unlabelled {was} image(s)" + (f" ({change.count - was} had no label)" if change.count > was else ""))
    return 0


def _removed(change: LabelChange) -> int:
    """How many labels a removal took away."""
    return sum(len(change.before[i]) - len(change.after[i]) for i in change.after)


def cmd_attributes_define(args: argparse.Namespace) -> int:
    lib = open_library(args, create=False)
    choices = [c.strip() for c in args.choices.split(",") if c.strip()] if args.choices else None
    if choices and args.type != "choice":
        raise UserError("--choices only applies to --type choice")
    L.define_attribute(lib, args.character, args.key, args.type, choices)
    print(f"{args.character}: {args.key} ({args.type}" + (f": {', '.join(choices)}" if choices else "") + ")")
    return 0


def cmd_attributes_list(args: argparse.Namespace) -> int:
    lib = open_library(args, create=False)
    defs = L.attribute_defs(lib, args.character)
    if args.json:
        print_json([{"key": d["key"], "type": d["type"], "choices": d["choices"]} for d in defs])
    elif not defs:
        print(f"{args.character} has no attributes (add one with '{cli_command('attributes define')}')")
    for d in defs if not args.json else []:
        print(f"{d['key']}  {d['type']}" + (f"  {', '.join(d['choices'])}" if d["choices"] else ""))
    return 0


def cmd_export_seed(args: argparse.Namespace) -> int:
    from animeid_desktop.core.exchange.reference_files import export_seed

    info = export_seed(open_library(args, create=False), args.dir)
    print(f"wrote role_index_mapping.json ({info['roles']} roles) and character_attributes.json "
          f"({info['characters']} characters, {info['images']} images, {info['labelled']} labelled) "
          f"to {info['folder']}")
    return 0


def cmd_import_seed(args: argparse.Namespace) -> int:
    from animeid_desktop.core.exchange.reference_files import import_seed

    lib = open_library(args)
    bar = _Bar("import-seed")
    with graceful_interrupt() as stop:
        rep = import_seed(lib, args.dir, on_progress=bar, should_stop=stop.is_set)
    bar.finish()
    print(f"{rep.characters} character(s); {rep.files.added} image(s) added, {rep.files.duplicates} already present; "
          f"{rep.labels} label(s) and {rep.attribute_values} attribute value(s) applied")
    for path, reason in rep.missing + rep.files.skipped:
        print(f"  skipped {path}: {reason}")
    for path, reason in rep.conflicts:
        print(f"  conflict {path}: {reason}")
    return 130 if rep.files.cancelled else 0


def cmd_export_folders(args: argparse.Namespace) -> int:
    from animeid_desktop.core.exchange.reference_files import export_folders

    lib = open_library(args, create=False)
    bar = _Bar("export")
    info = export_folders(lib, args.dir, on_progress=bar)
    bar.finish()
    print(f"{info['copied']} image(s) copied, {info['unchanged']} already there, "
          f"{info['characters']} character folder(s) in {info['folder']}")
    for path, reason in info["failed"]:
        print(f"  failed {path}: {reason}")
    return 1 if info["failed"] else 0


def cmd_demo(args: argparse.Namespace) -> int:
    from animeid_desktop.core.demo.demo_library import build_demo_library, demo_summary

    lib = Library.open(args.dir) if args.dir else open_library(args)
    bar = _Bar("demo")
    report = build_demo_library(lib, n_characters=args.characters, per_character=args.per_character,
                                unlabelled=args.unlabelled, seed=args.seed, on_progress=bar,
                                group_shots=args.group_shots)
    bar.finish()
    root = os.path.abspath(lib.root)
    print(f"demo library at {root}: {report.added} new image(s), {report.labelled} labelled")
    print(f"characters: {demo_summary(lib)}")
    print("next:")
    lib_opt = f"--library {shlex.quote(root)}"
    if importlib.util.find_spec("animeid_desktop.cli.cmd_train") is not None:
        print(f"  {cli_command(lib_opt)} train      # train a recogniser on the labelled characters")
    if importlib.util.find_spec("animeid_desktop.cli.cmd_recognize") is not None:
        print(f"  {cli_command(lib_opt)} recognize  # let it sort the loose unsorted_* images")
    print(f"  {cli_command(lib_opt)} characters # what is in the library")
    gui = gui_command(root)
    if gui:
        print(f"  {gui}  # open the desktop app on it")
    return 0


def register(sub) -> None:
    """Add the library commands to the ``animeid`` parser."""
    p = add_command(sub, "import", "import image files and folders (subfolders = character names)", cmd_import)
    p.add_argument("paths", nargs="+", metavar="PATH", help="image files or folders")
    p.add_argument("--character", metavar="NAME", help="label every imported image as NAME (created if new)")
    p.add_argument("--no-recursive", action="store_true", help="do not descend below character folders")
    p.add_argument("--json", action="store_true", help="print the summary as one JSON object")

    p = add_command(sub, "characters", "list characters with their image counts", cmd_characters)
    p.add_argument("--json", action="store_true",
                   help='print [{"name": ..., "images": N, "group_shots": G}, ...] (G: of those, with others)')

    p = add_command(sub, "label", "label images (given by path) as a character, or several", cmd_label)
    p.add_argument("paths", nargs="+", metavar="IMAGE_PATH")
    p.add_argument("--character", required=True, action="append", metavar="NAME",
                   help="repeat for a group shot: --character A --character B (replaces the images' characters)")
    p.add_argument("--add", action="store_true", help="add the character(s), keeping those the images have")
    p.add_argument("--attr", action="append", metavar="KEY=VALUE", help="set an attribute value (repeatable)")
    p.add_argument("--create", action="store_true", help="create the character if it does not exist")

    p = add_command(sub, "unlabel", "remove the labels of images (given by path)", cmd_unlabel)
    p.add_argument("paths", nargs="+", metavar="IMAGE_PATH")
    p.add_argument("--character", action="append", metavar="NAME",
                   help="remove only this character (repeatable), keeping the others")

    attrs = sub.add_parser("attributes", help="per-character attributes", description="per-character attributes",
                           parents=[library_parent()])
    attrs_sub = attrs.add_subparsers(dest="attributes_command", metavar="ACTION", required=True)
    p = add_command(attrs_sub, "define", "define (or redefine) an attribute of a character", cmd_attributes_define)
    p.add_argument("character", metavar="CHARACTER")
    p.add_argument("key", metavar="KEY")
    p.add_argument("--type", required=True, choices=L.ATTR_TYPES)
    p.add_argument("--choices", metavar="a,b,c", help="allowed values of a choice attribute")
    p = add_command(attrs_sub, "list", "list the attributes of a character", cmd_attributes_list)
    p.add_argument("character", metavar="CHARACTER")
    p.add_argument("--json", action="store_true")

    p = add_command(sub, "export-seed", "write role_index_mapping.json + character_attributes.json", cmd_export_seed)
    p.add_argument("dir", metavar="DIR")
    p = add_command(sub, "import-seed", "read a seed folder (from export-seed) into the library", cmd_import_seed)
    p.add_argument("dir", metavar="DIR")
    p = add_command(sub, "export-folders", "copy labelled images to DIR/<character>/", cmd_export_folders)
    p.add_argument("dir", metavar="DIR")

    p = add_command(sub, "demo", "build a demo library of synthetic characters", cmd_demo)
    p.add_argument("dir", nargs="?", metavar="DIR", help="library folder (default: --library or the default one)")
    p.add_argument("--characters", type=int, default=6, metavar="N")
    p.add_argument("--per-character", type=int, default=24, metavar="N")
    p.add_argument("--unlabelled", type=int, default=30, metavar="N")
    p.add_argument("--group-shots", type=int, default=0, metavar="N",
                   help="also N loose pictures of 2-3 characters each (names and face boxes in group_truth.json)")
    p.add_argument("--seed", type=int, default=0)
