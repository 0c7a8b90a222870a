"""Who is in a group shot: per-image character-set exact match and face-box recall on generated pictures.

Usage: ``nice -n 5 .venv/bin/python benchmarks/group_shots.py [--characters 6] [--singles 20] [--shots 100]
[--mode head|finetune]``

1. Single-character portraits of ``--characters`` generated characters (``synthetic_groups.render_group``
   with one character, ``--single-size`` pixels, face box known) are imported into a fresh library,
   labelled by folder, and a model is trained (mobilenet_v2 on the shared dogs19 weights when present,
   else the default model) three times: whole pictures only; plus each portrait's true face box; plus
   each portrait's detected face box (the detector's boxes, as recognition sees them).
2. ``--shots`` group shots (256 pixels) of 2-3 of those characters (``write_group_shots``, another seed)
   are recognised. Exact match = the set of characters equals the true set, for four rules: the whole
   picture's answer only; the confident face answers only; faces united with the whole picture's answer
   when confident ("union"); the face answers, the whole picture's answer only when no face has a
   confident one ("fallback").
3. Face-box recall: true faces matched by a detected box with IoU >= 0.5 (one detection per face).
Targets (issue 16): exact match >= 90 %, box recall >= 90 %. Cost per image: whole-picture recognition,
and what faces add (decode, detection without cache, crops recognised).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Sequence

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("ANIMEID_OFFLINE", "1")

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from benchmarks._common import machine_line, print_table  # noqa: E402

DOGS = ROOT.parent / "shared" / "weights" / "mobilenet_v2_imagenet_dogs19.pth"


def pick_model(weights_dir: Path, asked: str = "") -> str:
    """``asked``, or mobilenet_v2 with the shared weights imported into ``weights_dir`` when present, else the
    default."""
    from animeid_desktop.core.engine.registry import DEFAULT_MODEL
    from animeid_desktop.core.engine.weights import import_weights

    if asked:
        return asked
    os.environ["ANIMEID_WEIGHTS_DIR"] = str(weights_dir)
    if DOGS.is_file():
        import_weights(DOGS, "mobilenet_v2")
        return "mobilenet_v2"
    return DEFAULT_MODEL


def write_singles(root: Path, specs, *, per_character: int, size: int, seed: int) -> Dict[str, tuple]:
    """``root/<name>/<i>.png`` portraits, ``size`` pixels square; returns {path: face box}."""
    from animeid_desktop.core.demo.synthetic_groups import render_group

    boxes = {}
    for spec in specs:
        (root / spec.name).mkdir(parents=True, exist_ok=True)
        for i in range(per_character):
            shot = render_group([spec], np.random.default_rng([seed, 5, i, len(boxes)]), size=size)
            path = root / spec.name / f"{i}.png"
            shot.image.save(path)
            boxes[str(path)] = shot.faces[0]
    return boxes


def detected_boxes(paths) -> Dict[str, tuple]:
    """The largest detected face of each single portrait (absent where none is found)."""
    from animeid_desktop.core.media.face_detection import FaceDetector

    detector = FaceDetector()
    found = {p: detector.detect(Image.open(p)) for p in paths}
    return {p: faces[0].box for p, faces in found.items() if faces}


def trained_library(work: Path, *, model: str, mode: str, boxes: Dict[str, tuple], name: str):
    """A fresh library of the singles, with ``boxes`` as regions (none: whole pictures), and a trained head."""
    from animeid_desktop.core.library import image_characters as IC
    from animeid_desktop.core.library.folder import Library
    from animeid_desktop.core.library.importer import import_paths
    from animeid_desktop.core.library.label_state import Region
    from animeid_desktop.core.library.labels import labelled_images
    from animeid_desktop.core.training.pipeline import TrainConfig, train

    lib = Library.open(work / name)
    import_paths(lib, [str(work / "singles")])
    for r in labelled_images(lib):
        if r["path"] in boxes:
            IC.set_region(lib, r["id"], r["character"], Region(*boxes[r["path"]], source="user"))
    t0 = time.perf_counter()
    result = train(lib, TrainConfig(model=model, mode=mode, allow_download=False))
    return lib, result, time.perf_counter() - t0


def box_recall(truth: Sequence[Sequence[float]], found: Sequence[Sequence[float]]) -> int:
    """How many true boxes are matched by a distinct detected box with IoU >= 0.5 (greedy, best first)."""
    from animeid_desktop.core.media.face_detection import matched_boxes

    return matched_boxes([tuple(t) for t in truth], [tuple(f) for f in found])


def evaluate(lib, shots: Path, truth: Dict[str, dict]) -> Dict[str, float]:
    """Exact-match rates (whole, faces, merged), box recall and cost per image of one trained library."""
    from animeid_desktop.core.media.face_detection import FaceDetector
    from animeid_desktop.core.recognition.faces import FaceRecognition
    from animeid_desktop.core.recognition.recognizer import Recognizer

    rec = Recognizer.load(lib)
    faces = FaceRecognition(rec, FaceDetector())
    paths = [str(shots / name) for name in sorted(truth)]
    t0 = time.perf_counter()
    list(rec.predict_paths(paths))
    t_whole = time.perf_counter() - t0
    t0 = time.perf_counter()
    answers = list(faces.recognize_paths(paths))
    t_faces = time.perf_counter() - t0 - t_whole  # what the faces add
    hits = {"whole": 0, "faces": 0, "union": 0, "fallback": 0}
    matched = total = 0
    for name, a in zip(sorted(truth), answers):
        want = set(truth[name]["characters"])
        hits["whole"] += {a.prediction.best} == want
        hits["faces"] += {f.best for f in a.faces if f.best} == want
        named = {f.best for f in a.faces if f.best}
        hits["union"] += (named | {a.prediction.best} - {None}) == want
        hits["fallback"] += set(a.characters) == want  # what recognize answers
        total += len(truth[name]["faces"])
        matched += box_recall(truth[name]["faces"], [f.box for f in a.faces])
    n = len(paths)
    return {**{k: v / n for k, v in hits.items()}, "recall": matched / total,
            "ms_whole": 1000 * t_whole / n, "ms_faces": 1000 * t_faces / n}


def newgame8_rows(work: Path, model: str) -> List[list]:
    """newgame8, its README split: test top-1 of the whole picture against the first confident face answer
    (the whole picture's top-1 where no face has one), trained on whole pictures, then again after
    ``faces assign`` gave the training pictures with exactly one face their box."""
    from animeid_desktop.core.library.folder import Library
    from animeid_desktop.core.library.importer import import_paths
    from animeid_desktop.core.media.face_detection import FaceDetector
    from animeid_desktop.core.recognition.face_assign import apply_assignments, propose_assignments
    from animeid_desktop.core.recognition.faces import FaceRecognition
    from animeid_desktop.core.recognition.recognizer import Recognizer
    from animeid_desktop.core.training.pipeline import TrainConfig, train
    from benchmarks.accuracy import DATASETS, readme_split

    training, test = readme_split(DATASETS / "newgame8")
    lib = Library.open(work / "newgame8")
    for name, files in training.items():
        import_paths(lib, [str(f) for f in files], character=name)
    rows = []
    for label in ("whole pictures", "whole + assigned face boxes"):
        if rows:
            rec = Recognizer.load(lib)
            apply_assignments(lib, propose_assignments(lib, recognizer=rec, detector=FaceDetector()))
        result = train(lib, TrainConfig(model=model, allow_download=False))
        faces = FaceRecognition(Recognizer.load(lib), FaceDetector())
        answers = list(faces.recognize_paths([str(f) for f, _n in test]))
        whole = sum(a.prediction.top[0][0] == n for a, (_f, n) in zip(answers, test) if a.prediction.top)
        first = [next((f.best for f in a.faces if f.best), a.prediction.top[0][0] if a.prediction.top else None)
                 for a in answers]
        rows.append([label, result.train_count + result.val_count, sum(1 for a in answers if a.faces),
                     f"{whole / len(test):.1%}", f"{sum(c == n for c, (_f, n) in zip(first, test)) / len(test):.1%}"])
    lib.close()
    return rows


def main(argv: List[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--characters", type=int, default=6)
    p.add_argument("--singles", type=int, default=20, help="single-character portraits per character")
    p.add_argument("--single-size", type=int, default=128, help="side of the single portraits (pixels)")
    p.add_argument("--shots", type=int, default=100, help="group shots to recognise (256 pixels)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--mode", default="head", choices=("head", "finetune"))
    p.add_argument("--model", default="", help="the model to train (default: mobilenet_v2 on the shared weights)")
    p.add_argument("--newgame8", action="store_true", help="only the newgame8 table (test top-1, whole vs faces)")
    args = p.parse_args(argv)
    from animeid_desktop.core.demo.synthetic import make_specs
    from animeid_desktop.core.demo.synthetic_groups import write_group_shots

    print(machine_line())
    with tempfile.TemporaryDirectory(prefix="animeid-groups-") as tmp:
        work = Path(tmp)
        model = pick_model(work / "weights", args.model)
        if args.newgame8:
            print_table(f"newgame8 test part, {model} head", ["trained on", "items", "test images with a face",
                        "top-1: whole", "top-1: faces"], newgame8_rows(work, model))
            return 0
        specs = make_specs(args.characters, args.seed)
        boxes = write_singles(work / "singles", specs, per_character=args.singles, size=args.single_size,
                              seed=args.seed)
        truth = write_group_shots(work / "shots", args.shots, specs, size=256, seed=args.seed + 1)
        rows = []
        variants = {"whole pictures": {}, "whole + true boxes": boxes, "whole + detected boxes": detected_boxes(boxes)}
        for n, (label, regions) in enumerate(variants.items()):
            lib, result, seconds = trained_library(work, model=model, mode=args.mode, boxes=regions,
                                                   name=f"lib{n}")
            m = evaluate(lib, work / "shots", truth)
            lib.close()
            rows.append([label, result.train_count + result.val_count,
                         f"{seconds:.1f}", f"{m['whole']:.1%}", f"{m['faces']:.1%}", f"{m['union']:.1%}",
                         f"{m['fallback']:.1%}",
                         f"{m['recall']:.1%}", f"{m['ms_whole']:.1f}", f"{m['ms_faces']:.1f}"])
    print_table(f"{args.shots} group shots of {args.characters} characters, {args.singles} singles "
                f"({args.single_size} px) each, {model} {args.mode}",
                ["trained on", "items", "train s", "exact: whole", "exact: faces", "exact: union",
                 "exact: fallback", "box recall",
                 "ms/img whole", "ms/img faces"], rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
