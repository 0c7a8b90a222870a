"""Import speed: first import and re-import of a folder tree, in files per second.

Usage: ``.venv/bin/python benchmarks/bench_import.py [FOLDER]`` (default: ../shared/datasets/newgame8,
or a generated synthetic folder when that is absent). Prints one table row per pass.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.core.library.labels import list_characters

NEWGAME8 = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "newgame8"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", help="folder to import (subfolders = characters)")
    parser.add_argument("--repeat", type=int, default=1, help="fresh-library runs (best is reported)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.folder) if args.folder else NEWGAME8
        if not folder.is_dir():
            folder = Path(tmp) / "synthetic"
            synthetic.write_folder(folder, n_characters=8, per_character=60, size=256, fmt="mixed")
        rows = []
        for run in range(args.repeat):
            lib = Library.open(Path(tmp) / f"lib{run}")
            first = import_paths(lib, [folder])
            again = import_paths(lib, [folder])
            rows.append((first, again, list_characters(lib)))
            lib.close()
        first, again, chars = min(rows, key=lambda r: r[0].seconds)
    print(f"folder: {folder}")
    print(f"{'pass':<10}{'files':>7}{'added':>7}{'dupes':>7}{'skipped':>9}{'seconds':>9}{'files/s':>9}")
    for name, rep in (("import", first), ("re-import", again)):
        print(f"{name:<10}{rep.files:>7}{rep.added:>7}{rep.duplicates:>7}{len(rep.skipped):>9}"
              f"{rep.seconds:>9.2f}{rep.files_per_second():>9.0f}")
    print("characters: " + ", ".join(f"{c['name']} {c['images']}" for c in chars))
    return 0


if __name__ == "__main__":
    sys.exit(main())
