"""Fuzz the decoder and the importer with >= 10,000 malformed files and print a table.

Usage: ``.venv/bin/python benchmarks/fuzz_import.py [--inputs 10000] [--seed 0] [--time-limit 10]``

Inputs: half drawn by Hypothesis (``tests/hardening/malformed.py`` mutations: truncation, bit flips,
header bytes, junk splices, extreme integers, absurd declared dimensions, repeated/dropped slices
of valid JPEG/PNG/WebP/GIF/BMP/TIFF seeds), half by a seeded RNG over the same mutations, plus
special inputs (zero bytes, text and HTML named like images, magic-only files, absurd dimensions,
a JPEG built to take minutes to decode, an 80-megapixel PNG) and file-system oddities (symlink loop,
broken link, FIFO, unreadable file and folder, names that are not UTF-8 or contain a newline).

1. Decoder: every input through ``load_rgb`` in a worker process that the parent restarts if it
   dies; counts ok / ImageError / escaped exceptions (crashes) / dead workers / hangs, per-file time.
2. Importer: one ``import_paths`` over the whole tree (with the effective user ``nobody`` when run
   as root, so permissions are real); then every file must be imported or skipped with a reason, the library
   must pass :func:`tests.hardening.fuzzcheck.library_inconsistencies` and a re-import adds nothing.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from _fuzz_inputs import write_inputs  # noqa: E402
from PIL import Image  # noqa: E402

from tests.hardening.malformed import seed_images  # noqa: E402

NOBODY = 65534


# ------------------------------------------------------------------ phase 1: decoder
def decode_worker(list_file: str, start: int, time_limit: float) -> None:
    """Child: decode files ``start..`` of the list, one JSON line per file."""
    from animeid_desktop.core.media import images

    images.DECODE_TIME_LIMIT = time_limit
    paths = Path(list_file).read_text().splitlines()
    for i in range(start, len(paths)):
        t = time.perf_counter()
        try:
            img = images.load_rgb(paths[i])
            outcome, reason = "ok", f"{img.width}x{img.height}"
        except images.ImageError as exc:
            outcome, reason = "error", str(exc)
        except BaseException as exc:  # noqa: BLE001 - counted as a crash
            outcome, reason = "escaped", f"{type(exc).__name__}: {exc}"
        print(json.dumps({"i": i, "outcome": outcome, "reason": reason[:160],
                          "seconds": time.perf_counter() - t}), flush=True)


def run_decoder_phase(files: List[str], work: Path, time_limit: float) -> Dict[str, object]:
    list_file = work / "decode_list.txt"
    list_file.write_text("\n".join(files))
    results: Dict[int, dict] = {}
    died: List[str] = []
    hung: List[str] = []
    start = 0
    started = time.monotonic()
    err_file = open(work / "decode_stderr.txt", "w")  # libtiff/libpng chatter, tracebacks of dead workers
    while start < len(files):
        proc = subprocess.Popen([sys.executable, __file__, "--decode-worker", str(list_file), str(start),
                                 "--time-limit", str(time_limit)], stdout=subprocess.PIPE, stderr=err_file,
                                text=True, cwd=str(REPO))
        last = start - 1
        for line in proc.stdout:
            rec = json.loads(line)
            results[rec["i"]] = rec
            last = rec["i"]
        code = proc.wait()
        if last + 1 >= len(files):
            break
        culprit = files[last + 1]
        (died if code != 0 else hung).append(f"{culprit} (exit {code})")
        results[last + 1] = {"i": last + 1, "outcome": "died", "reason": f"exit {code}", "seconds": 0.0}
        start = last + 2
    err_file.close()
    outcomes = collections.Counter(r["outcome"] for r in results.values())
    times = sorted((r["seconds"], files[i]) for i, r in results.items())
    reasons = collections.Counter(r["reason"].split(" (")[0] for r in results.values() if r["outcome"] == "error")
    escaped = [f"{files[i]}: {r['reason']}" for i, r in results.items() if r["outcome"] == "escaped"]
    return {"outcomes": outcomes, "times": times, "reasons": reasons, "escaped": escaped, "died": died,
            "hung": hung, "seconds": time.monotonic() - started}


# ------------------------------------------------------------------ phase 2: importer
def drop_privileges() -> None:
    """Run on as ``nobody`` (effective ids): root can read anything, which would hide permission errors.

    Everything the import needs is loaded first: the interpreter's own files may be unreadable to
    ``nobody`` (e.g. a Python installed under /root).
    """
    import concurrent.futures.thread  # noqa: F401
    import encodings.idna  # noqa: F401

    from animeid_desktop.core.media import images

    Image.init()
    for _name, (_fmt, data) in seed_images().items():
        images.load_rgb(data)
    os.setegid(NOBODY)
    os.seteuid(NOBODY)


def import_worker(root: str, lib_dir: str, out_file: str, time_limit: float, as_nobody: bool) -> None:
    """Child: import ``root`` into a new library and write the report as JSON."""
    from animeid_desktop.core.library.folder import Library
    from animeid_desktop.core.library.importer import import_paths
    from animeid_desktop.core.media import images

    images.DECODE_TIME_LIMIT = time_limit
    if as_nobody:
        drop_privileges()
    lib = Library.open(lib_dir)
    report = import_paths(lib, [root])
    data = report.to_dict()
    data["skipped"] = report.skipped
    Path(out_file).write_text(json.dumps(data, ensure_ascii=False))


def run_import_phase(root: Path, work: Path, time_limit: float, timeout: float) -> Dict[str, object]:
    lib_dir, out_file = work / "lib", work / "out" / "report.json"
    out_file.parent.mkdir()
    as_nobody = os.geteuid() == 0
    if as_nobody:  # root reads everything: the worker drops to nobody so unreadable files are unreadable
        for p in (work, out_file.parent):
            os.chmod(p, 0o777)
    started = time.monotonic()
    command = [sys.executable, __file__, "--import-worker", str(root), str(lib_dir), str(out_file),
               "--time-limit", str(time_limit)] + (["--as-nobody"] if as_nobody else [])
    proc = subprocess.run(command, cwd=str(REPO), timeout=timeout, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(f"import worker failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    report = json.loads(out_file.read_text())
    return {"report": report, "seconds": seconds, "as_nobody": as_nobody, "lib_dir": lib_dir}


def verify_import(phase: Dict[str, object], files: List[str], oddities: Dict[str, str], root: Path,
                  time_limit: float) -> Dict:
    from animeid_desktop.core.library.folder import Library
    from animeid_desktop.core.library.importer import ImportReport, import_paths
    from animeid_desktop.core.media import images
    from tests.hardening.fuzzcheck import account_for_files, library_inconsistencies

    images.DECODE_TIME_LIMIT = time_limit
    data = phase["report"]
    report = ImportReport(added=data["added"], duplicates=data["duplicates"],
                          skipped=[tuple(s) for s in data["skipped"]])
    lib = Library.open(phase["lib_dir"], create=False)
    fate = account_for_files(lib, report, files)
    counts = collections.Counter(outcome for outcome, _ in fate.values())
    skipped = dict(report.skipped)
    odd_ok = 0
    odd_wrong = []
    for path, fragment in oddities.items():
        reason = skipped.get(path.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
        if fragment == "":
            good = lib.scalar("SELECT COUNT(*) FROM images WHERE path = ?", (path,)) == 1
        else:
            good = reason is not None and fragment in reason.lower()
        odd_ok += good
        if not good:
            odd_wrong.append(f"{path!r}: {reason}")
    empty_reasons = sum(1 for _p, r in report.skipped if not r.strip())
    problems = library_inconsistencies(lib)
    for p in (root / "odd" / "locked.png", root / "odd" / "closed_folder"):
        p.chmod(0o755)  # readable again for the re-import check
    again = import_paths(lib, [root])
    result = {"fate": counts, "odd_ok": odd_ok, "odd_wrong": odd_wrong, "empty_reasons": empty_reasons,
              "problems": problems, "reimport_added": again.added - 2,
              "images": lib.scalar("SELECT COUNT(*) FROM images"),
              "labelled": lib.scalar("SELECT COUNT(*) FROM labels")}
    lib.close()
    return result


# ------------------------------------------------------------------ main
@contextlib.contextmanager
def native_stderr_to(path: Path):
    """Send file descriptor 2 (where C libraries write) to ``path`` for the duration."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "w") as fh:
        os.dup2(fh.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="mutated inputs (half Hypothesis, half RNG)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--time-limit", type=float, default=10.0, help="per-file decode limit in seconds")
    parser.add_argument("--workdir", help="keep the inputs and library here (default: a temporary folder)")
    parser.add_argument("--decode-worker", nargs=2, metavar=("LIST", "START"), help=argparse.SUPPRESS)
    parser.add_argument("--import-worker", nargs=3, metavar=("ROOT", "LIB", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--as-nobody", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.decode_worker:
        decode_worker(args.decode_worker[0], int(args.decode_worker[1]), args.time_limit)
        return 0
    if args.import_worker:
        import_worker(*args.import_worker, time_limit=args.time_limit, as_nobody=args.as_nobody)
        return 0
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="animeid-fuzz-"))
    os.chmod(work, 0o755)
    root = work / "in"
    try:
        t0 = time.monotonic()
        made = write_inputs(root, args.inputs, args.seed)
        gen_s = time.monotonic() - t0
        files = made["files"]
        dec = run_decoder_phase(files, work, args.time_limit)
        imp = run_import_phase(root, work, args.time_limit, timeout=3600)
        t0 = time.monotonic()
        with native_stderr_to(work / "verify_stderr.txt"):  # libtiff prints warnings straight to fd 2
            ver = verify_import(imp, files, made["oddities"], root, args.time_limit)
        ver["seconds"] = time.monotonic() - t0
        print_table(args, made, gen_s, dec, imp, ver)
    finally:
        if not args.workdir:
            for p in (root / "odd" / "locked.png", root / "odd" / "closed_folder"):
                if p.exists():
                    p.chmod(0o755)
            shutil.rmtree(work, ignore_errors=True)
    bad = (dec["escaped"] or dec["died"] or dec["hung"] or ver["fate"].get("unaccounted") or ver["problems"]
           or ver["odd_wrong"] or ver["empty_reasons"])
    return 1 if bad else 0


def print_table(args, made, gen_s, dec, imp, ver) -> None:
    files = made["files"]
    times = dec["times"]
    fuzz_times = [t for t in times if "/special/" not in t[1]]
    n_inputs = len(files) + len(made["oddities"])
    rep = imp["report"]
    rows = [
        ("inputs tried (files + fs oddities)", f"{n_inputs:,}"),
        ("  Hypothesis-drawn mutations", f"{made['hypothesis']:,}"),
        ("  seeded-RNG mutations", f"{made['random']:,}"),
        ("  special inputs", f"{made['special']:,}"),
        ("  file-system oddities", f"{len(made['oddities'])}"),
        ("  distinct contents", f"{made['unique']:,}"),
        ("generation time", f"{gen_s:.1f} s"),
        ("decoder: decoded ok", f"{dec['outcomes'].get('ok', 0):,}"),
        ("decoder: ImageError with reason", f"{dec['outcomes'].get('error', 0):,}"),
        ("decoder: escaped exceptions (crashes)", f"{len(dec['escaped'])}"),
        ("decoder: worker died (segfault etc.)", f"{len(dec['died'])}"),
        ("decoder: hangs", f"{len(dec['hung'])}"),
        ("decoder: slowest fuzz file", f"{fuzz_times[-1][0]:.3f} s" if fuzz_times else "-"),
        ("decoder: p99 per file", f"{times[int(len(times) * 0.99)][0] * 1000:.1f} ms"),
        ("decoder: slowest file overall", f"{times[-1][0]:.2f} s ({Path(times[-1][1]).name})"),
        ("decoder: second slowest file", f"{times[-2][0]:.2f} s ({Path(times[-2][1]).name})"),
        ("decoder: time limit per file", f"{args.time_limit:g} s"),
        ("decoder phase wall time", f"{dec['seconds']:.1f} s"),
        ("import: ran as", "nobody (real permissions)" if imp["as_nobody"] else "current user"),
        ("import: added / duplicates / skipped", f"{rep['added']:,} / {rep['duplicates']:,} / {len(rep['skipped']):,}"),
        ("import: wall time", f"{imp['seconds']:.1f} s ({len(files) / imp['seconds']:.0f} files/s)"),
        ("import: files unaccounted for", f"{ver['fate'].get('unaccounted', 0)}"),
        ("import: skipped without a reason", f"{ver['empty_reasons']}"),
        ("import: fs oddities reported correctly", f"{ver['odd_ok']}/{len(made['oddities'])}"),
        ("library: consistency problems", f"{len(ver['problems'])}"),
        ("library: images / labelled", f"{ver['images']:,} / {ver['labelled']:,}"),
        ("re-import: new rows (besides the 2 unlocked files)", f"{ver['reimport_added']}"),
        ("verification + re-import wall time", f"{ver['seconds']:.1f} s"),
    ]
    width = max(len(k) for k, _ in rows)
    print(f"{'measure':<{width}}  value")
    print("-" * (width + 30))
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    print("\nmost common skip reasons (decoder):")
    for reason, count in dec["reasons"].most_common(8):
        print(f"  {count:6,}  {reason}")
    for label, items in (("escaped", dec["escaped"]), ("died", dec["died"]), ("hung", dec["hung"]),
                         ("odd", ver["odd_wrong"]), ("problems", ver["problems"])):
        for item in items[:10]:
            print(f"{label}: {item}")


if __name__ == "__main__":
    sys.exit(main())
