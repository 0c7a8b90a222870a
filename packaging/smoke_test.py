"""Smoke test of a built bundle: the user's first minutes, run from ``dist/AnimeID/`` only.

    python3 packaging/smoke_test.py [BUNDLE_DIR]        (default: dist/AnimeID; `make package-test`)

Runs, in a throw-away HOME (so nothing is read from or written to the real user folders):
``animeid-cli --version``; ``demo``, ``faces detect`` (the bundled anime-face model loads),
``weights status`` (the backbone is read from the bundle), ``train --mode head`` (pretrained,
offline) and ``recognize --json`` on the demo library; the GUI
executable's ``--self-test`` under ``QT_QPA_PLATFORM=offscreen``, then again on a zh_CN locale (it must
report the Chinese translation and Qt's own loaded); portable mode (a ``portable``
file beside the executable keeps the library beside it); and checks that nothing was downloaded.
Standard library only; Python 3.9 or newer.
Prints one line per step and the bundle size; exits 1 when a step fails.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[1]
CLI = "animeid-cli.exe" if os.name == "nt" else "animeid-cli"
GUI = "AnimeID.exe" if os.name == "nt" else "AnimeID"
STEP_TIMEOUT_S = 900
DOWNLOAD_LIMIT_BYTES = 1_000_000  # any cached file this large means something was fetched
# Sanity floor for the demo's 6 synthetic characters (chance is 17%; pretrained features reach far more).
MIN_ACCURACY = 0.6


class StepFailed(Exception):
    """A smoke-test step did not do what it should."""


def expected_version() -> str:
    """``__version__`` of the source tree the bundle was built from."""
    text = (ROOT / "animeid_desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.M)
    if match is None:
        raise SystemExit("no __version__ in animeid_desktop/__init__.py")
    return match.group(1)


def isolated_env(home: Path) -> Dict[str, str]:
    """Environment with every per-user folder (data, config, caches, model hubs) inside ``home``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANIMEID_", "XDG_", "QT_", "PYTHON"))}
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),
        APPDATA=str(home / "AppData" / "Roaming"),
        LOCALAPPDATA=str(home / "AppData" / "Local"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        TORCH_HOME=str(home / ".cache" / "torch"),
        HF_HOME=str(home / ".cache" / "huggingface"),
    )
    return env


def run(cmd: List[str], env: Dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    """Run a bundle executable; raise StepFailed with its output tail on a non-zero exit."""
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=STEP_TIMEOUT_S)
    if proc.returncode != 0:
        tail = (proc.stdout + proc.stderr).strip().splitlines()[-15:]
        raise StepFailed(f"exit {proc.returncode}: {' '.join(cmd)}\n      " + "\n      ".join(tail))
    return proc


def check_language(self_test_output: str, language: str) -> str:
    """The self-test's ``language: …`` report; StepFailed unless ``language`` and both catalogues loaded."""
    match = re.search(r"language: (\S+) \(([^)]*)\)", self_test_output)
    if match is None:
        raise StepFailed("the self-test did not report its language")
    report = match.group(0)
    if "no CJK font" in report:
        raise StepFailed(f"{report}: install a CJK font (fonts-noto-cjk) on this machine to check the zh_CN run")
    if match.group(1) != language or "MISSING" in report or "missing" in report:
        raise StepFailed(f"expected {language} with its translations loaded, got {report}")
    return report


def parse_json_output(text: str) -> list:
    """One JSON document, or JSON lines, from a command's stdout."""
    text = text.strip()
    if not text:
        raise StepFailed("no output")
    try:
        doc = json.loads(text)
        return doc if isinstance(doc, list) else [doc]
    except json.JSONDecodeError:
        try:
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise StepFailed(f"output is not JSON: {exc}: {text[:200]!r}") from exc


def largest_cached_file(home: Path) -> Tuple[int, Optional[Path]]:
    """The largest file under the isolated caches (downloads would land there)."""
    best: Tuple[int, Optional[Path]] = (0, None)
    for folder in (home / ".cache", home / "AppData" / "Local"):
        for path in folder.rglob("*") if folder.is_dir() else []:
            if path.is_file() and path.stat().st_size > best[0]:
                best = (path.stat().st_size, path)
    return best


def copy_bundle(src: Path, dst: Path) -> None:
    """A cheap copy of the bundle (hard links where the file system allows)."""

    def link_or_copy(a: str, b: str) -> None:
        try:
            os.link(a, b)
        except OSError:
            shutil.copy2(a, b)

    shutil.copytree(src, dst, symlinks=True, copy_function=link_or_copy)


def bundle_size(bundle: Path) -> Tuple[int, int]:
    """(apparent bytes, number of files) of the bundle."""
    total = count = 0
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            count += 1
    return total, count


def main(argv: Optional[List[str]] = None) -> int:
    """Run every step, print a summary, return 0 when all passed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", nargs="?", default=str(ROOT / "dist" / "AnimeID"), help="bundle folder")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder for inspection")
    args = parser.parse_args(argv)
    bundle = Path(args.bundle).resolve()
    if not (bundle / CLI).is_file():
        print(f"smoke test: no {CLI} in {bundle}; build it first with `make package`", file=sys.stderr)
        return 2

    tmp = Path(tempfile.mkdtemp(prefix="animeid-smoke-"))
    home, library = tmp / "home", tmp / "library"
    home.mkdir()
    env = isolated_env(home)
    cli = [str(bundle / CLI)]
    lib = ["--library", str(library)]
    version = expected_version()

    def step_version() -> str:
        out = run(cli + ["--version"], env, tmp).stdout.strip()
        if out != f"animeid-cli {version}":  # the bundle's CLI names itself
            raise StepFailed(f"printed {out!r}, expected 'animeid-cli {version}'")
        return out

    def step_demo() -> str:
        run(cli + lib + ["demo"], env, tmp)
        images = len([p for p in library.rglob("*") if p.suffix.lower() in (".png", ".jpg", ".jpeg", ".webp")])
        if not (library.is_dir() and images):
            raise StepFailed(f"no demo images under {library}")
        return f"{images} image files in the demo library"

    def step_faces() -> str:
        out = run(cli + lib + ["faces", "detect", "--json"], env, tmp)
        records = parse_json_output(out.stdout)
        errors = [r for r in records if r.get("error") or "faces" not in r]
        if errors:
            raise StepFailed(f"{len(errors)} image(s) failed, e.g. {errors[0]}")
        if "lbpcascade_animeface-" not in out.stderr:  # the summary names the bundled model it loaded
            raise StepFailed(f"no face-model identity in the summary: {out.stderr.strip()[-200:]!r}")
        with_face = sum(1 for r in records if r["faces"])
        return f"anime-face model loaded; {with_face} of {len(records)} demo images with a face"

    def step_weights() -> str:
        rows = parse_json_output(run(cli + lib + ["weights", "status", "--json"], env, tmp).stdout)
        rows = rows[0] if rows and isinstance(rows[0], list) else rows
        lite0 = next((r for r in rows if r.get("model") == "efficientnet_lite0"), None)
        if lite0 is None or lite0.get("source") != "package":
            raise StepFailed(f"efficientnet_lite0 weights not found in the bundle: {lite0}")
        if not Path(lite0["path"]).resolve().is_relative_to(bundle):
            raise StepFailed(f"backbone weights read from outside the bundle: {lite0['path']}")
        return f"efficientnet_lite0 from {Path(lite0['path']).relative_to(bundle)}"

    def step_train() -> str:
        out = run(cli + lib + ["train", "--mode", "head", "--no-download", "--json", "--quiet"], env, tmp)
        result = parse_json_output(out.stdout)[-1]
        if result.get("pretrained") is not True:
            raise StepFailed("trained from random weights: the bundled backbone was not used")
        if not result.get("best_val_acc", 0) >= MIN_ACCURACY:
            raise StepFailed(f"validation accuracy {result.get('best_val_acc')} below {MIN_ACCURACY}")
        return (f"{len(result['classes'])} characters, validation accuracy {result['best_val_acc']:.0%}, "
                f"{result['seconds']:.0f} s")

    def step_recognize() -> str:
        images = library / "demo-images"
        records = parse_json_output(run(cli + lib + ["recognize", "--json", str(images)], env, tmp).stdout)
        labelled = [r for r in records if Path(r["path"]).parent != images and r.get("top")]
        hits = sum(r["top"][0]["character"] == Path(r["path"]).parent.name for r in labelled)
        if not labelled or hits / len(labelled) < MIN_ACCURACY:
            raise StepFailed(f"{hits} of {len(labelled)} labelled demo images recognised")
        errors = [r for r in records if r.get("error")]
        if errors:
            raise StepFailed(f"{len(errors)} image(s) failed, e.g. {errors[0]}")
        return f"{len(records)} JSON lines; {hits}/{len(labelled)} labelled demo images recognised"

    def step_gui() -> str:
        if not (bundle / GUI).is_file():
            raise StepFailed(f"no GUI executable {GUI} in the bundle")
        gui_env = dict(env, QT_QPA_PLATFORM="offscreen")
        out = run([str(bundle / GUI), "--self-test"], gui_env, tmp)
        return (out.stdout.strip().splitlines() or ["exit 0"])[-1][:110]

    def step_gui_zh() -> str:
        gui_env = dict(env, QT_QPA_PLATFORM="offscreen", LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8",
                       LANGUAGE="zh_CN")
        out = run([str(bundle / GUI), "--self-test"], gui_env, tmp)
        return check_language(out.stdout, "zh_CN")

    def step_portable() -> str:
        copy = tmp / "portable" / bundle.name
        copy_bundle(bundle, copy)
        (copy / "portable").write_text("", encoding="utf-8")
        run([str(copy / CLI), "demo", "--characters", "2", "--per-character", "2", "--unlabelled", "0"], env, tmp)
        beside = copy / "data" / "library"
        if not beside.is_dir():
            raise StepFailed(f"portable mode did not keep the library in {beside}")
        stray = [p for p in (home / ".local" / "share", home / "AppData") if p.exists() and any(p.rglob("*"))]
        if stray:
            raise StepFailed(f"portable mode wrote into the user folders: {stray}")
        return f"library kept beside the executable: {beside.relative_to(tmp)}"

    def step_offline() -> str:
        size, path = largest_cached_file(home)
        if size > DOWNLOAD_LIMIT_BYTES:
            raise StepFailed(f"{path} ({size / 1e6:.1f} MB) was written to a cache: something was downloaded")
        return f"no downloads (largest cached file: {size} bytes)"

    steps: List[Tuple[str, Callable[[], str]]] = [
        ("animeid-cli --version", step_version),
        ("animeid-cli demo", step_demo),
        ("animeid-cli faces detect --json", step_faces),
        ("animeid-cli weights status", step_weights),
        ("animeid-cli train --mode head", step_train),
        ("animeid-cli recognize --json", step_recognize),
        ("AnimeID --self-test (offscreen)", step_gui),
        ("AnimeID --self-test on a zh_CN locale", step_gui_zh),
        ("portable mode", step_portable),
        ("offline (no downloads)", step_offline),
    ]
    failures = 0
    print(f"smoke test of {bundle} (temporary HOME {home})")
    for name, step in steps:
        start = time.monotonic()
        try:
            detail, status = step(), "ok  "
        except (StepFailed, subprocess.TimeoutExpired, OSError) as exc:
            detail, status = str(exc), "FAIL"
            failures += 1
        print(f"  {status} {name:<34} {time.monotonic() - start:6.1f}s  {detail}", flush=True)

    size, files = bundle_size(bundle)
    print(f"bundle size: {size / 2**20:.0f} MiB in {files} files")
    if args.keep:
        print(f"kept {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    print("smoke test passed" if failures == 0 else f"smoke test FAILED ({failures} step(s))")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
