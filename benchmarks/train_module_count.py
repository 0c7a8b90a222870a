"""How many core modules one ``train()`` call runs code in (issue 14: a run should cross few modules).

Builds a small synthetic library in a temporary folder, then trains a tiny head model under
``sys.setprofile`` (and ``threading.setprofile`` for worker threads) and prints the distinct
``animeid_desktop.core.*`` modules whose functions were called during ``train()`` only (library
building and imports happen before profiling starts). Runs offline on random weights in seconds::

    python benchmarks/train_module_count.py [--verbose]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("ANIMEID_OFFLINE", "1")

PREFIX = "animeid_desktop.core."


def touched_modules(run) -> set:
    """Names of the ``animeid_desktop.core`` modules whose functions ``run()`` called (any thread)."""
    seen: set = set()

    def profile(frame, event, _arg):
        if event == "call":
            name = frame.f_globals.get("__name__", "")
            if name.startswith(PREFIX):
                seen.add(name)

    threading.setprofile(profile)
    sys.setprofile(profile)
    try:
        run()
    finally:
        sys.setprofile(None)
        threading.setprofile(None)
    return seen


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list the modules")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ANIMEID_WEIGHTS_DIR"] = str(Path(tmp) / "weights")
        os.environ["TORCH_HOME"] = str(Path(tmp) / "torch")
        from animeid_desktop.core.demo import synthetic
        from animeid_desktop.core.library.folder import Library
        from animeid_desktop.core.library.importer import import_paths
        from animeid_desktop.core.training.pipeline import TrainConfig, train

        art = Path(tmp) / "art"
        synthetic.write_folder(art, n_characters=3, per_character=6, size=64, seed=0, attrs_file=False)
        lib = Library.open(Path(tmp) / "lib")
        import_paths(lib, [str(art)])
        config = TrainConfig(model="mobilenet_v2", image_size=64, epochs=2, duplicate_aware_split=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # random weights: expected offline
            modules = touched_modules(lambda: train(lib, config))
        lib.close()
    packages = Counter(name[len(PREFIX):].split(".")[0] for name in modules)
    print(f"train() ran code in {len(modules)} animeid_desktop.core modules ("
          + ", ".join(f"{pkg} {n}" for pkg, n in sorted(packages.items())) + ")")
    if args.verbose:
        for name in sorted(modules):
            print(f"  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
