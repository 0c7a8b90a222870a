"""``animeid recognize``: who is in these pictures (files and folders, or the library's unlabelled images)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from animeid_desktop.cli.cmd_library import graceful_interrupt
from animeid_desktop.cli.common import ProgressBar, add_command, open_library, print_json
from animeid_desktop.core.engine.openset_text import summary
from animeid_desktop.core.errors import UserError

if TYPE_CHECKING:
    from animeid_desktop.core.recognition.faces import ImageAnswer
    from animeid_desktop.core.recognition.recognizer import Prediction


def register(sub) -> None:
    p = add_command(sub, "recognize", "recognise the characters in image files or folders (recursively)",
                    run_recognize)
    p.add_argument("paths", nargs="*", metavar="PATH", help="image files or folders")
    p.add_argument("--top-k", type=int, default=3, help="how many candidates per image (default 3)")
    p.add_argument("--run", default=None, metavar="RUN_ID", help="use this run instead of the active model")
    p.add_argument("--threshold", type=float, default=None,
                   help="'unknown' below this probability (default: the model's open set decides; models "
                        "without one use their calibrated threshold)")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--device", default=None, help="cpu, cuda or mps (default: the best available)")
    p.add_argument("--unlabelled", action="store_true",
                   help="recognise the library's unlabelled images and store the results as suggestions")
    p.add_argument("--no-faces", action="store_true",
                   help="whole pictures only: skip face detection and the per-face answers")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true",
                     help='JSON Lines: one object per image, with "faces" and "characters" (unless --no-faces)')
    out.add_argument("--csv", action="store_true", help="CSV with a header row")


def _plain(pred: Prediction) -> str:
    if pred.error:
        return f"{pred.path}\terror: {pred.error}"
    best, score = pred.top[0]
    others = ", ".join(f"{c} {s:.0%}" for c, s in pred.top[1:])
    head = f"unknown (best guess {best} {score:.0%})" if pred.unknown else f"{best} {score:.0%}"
    return f"{pred.path}\t{head}" + (f"  ({others})" if others else "")


def _faces_plain(answer: ImageAnswer) -> str:
    if not answer.faces:
        return ""
    named = ", ".join(f.best or "unknown" for f in answer.faces)
    return f"\tfaces: {named}\tcharacters: {', '.join(answer.characters) or 'none'}"


def _recognize_unlabelled(args: argparse.Namespace, lib, rec, bar: ProgressBar) -> None:
    """``--unlabelled``: recognise and store the library's unlabelled images (each face too, unless
    ``--no-faces``), then say how many and how many are group shots."""
    from animeid_desktop.core.library.gallery_query import suggested_labels
    from animeid_desktop.core.recognition.faces import FaceRecognition
    from animeid_desktop.core.recognition.library_recognition import recognize_library, unlabelled_image_ids

    faces = None if args.no_faces else FaceRecognition.for_library(lib, rec)
    ids = unlabelled_image_ids(lib)
    with graceful_interrupt() as stop:
        n = recognize_library(lib, image_ids=ids, top_k=args.top_k, on_progress=bar, should_stop=stop.is_set,
                              recognizer=rec, faces=faces)
    suggested = suggested_labels(lib, ids, rec.run_id)
    several = sum(len(items) > 1 for items in suggested.values())
    if args.json:
        print_json({"run_id": rec.run_id, "recognised": n, "suggested": len(suggested), "group_shots": several,
                    "faces": faces is not None, "openset": summary(rec.gate.openset.figures) if rec.gate else None})
    else:
        print(f"{n} unlabelled image(s) recognised with run {rec.run_id}; {len(suggested)} suggestion(s) stored, "
              f"{several} with several characters" + ("" if faces else " (whole pictures only, --no-faces)"))


def run_recognize(args: argparse.Namespace) -> int:
    if args.top_k < 1:
        raise UserError("--top-k must be at least 1")
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        raise UserError("--threshold must be between 0 and 1")
    if not args.paths and not args.unlabelled:
        raise UserError("give image files or folders to recognise, or --unlabelled for the library's images")
    from animeid_desktop.core.recognition.faces import FaceRecognition, recognize_files
    from animeid_desktop.core.recognition.recognizer import PredictionCsvWriter, Recognizer

    lib = open_library(args, create=False)
    rec = Recognizer.load(lib, args.run, threshold=args.threshold, device=args.device)
    bar = ProgressBar("recognize")
    if args.unlabelled:
        _recognize_unlabelled(args, lib, rec, bar)
        if not args.paths:
            return 0
    writer = PredictionCsvWriter(sys.stdout) if args.csv else None
    faces = None if (args.no_faces or args.csv) else FaceRecognition.for_library(lib, rec)
    failed = total = 0
    with graceful_interrupt() as stop:
        answers = recognize_files(rec, faces, args.paths, top_k=args.top_k, batch_size=args.batch_size,
                                  on_progress=None if (args.json or args.csv) else bar, should_stop=stop.is_set)
        for answer in answers:
            pred = answer.prediction
            total += 1
            failed += pred.error is not None
            if args.json:
                out = (answer if faces is not None else pred).to_json()
                if "openset" in out:
                    out["openset"]["threshold"] = rec.openset_threshold
                sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            elif writer is not None:
                writer.write_prediction(pred)
            else:
                if bar.enabled:
                    sys.stderr.write("\r\033[K")
                print(_plain(pred) + (_faces_plain(answer) if faces is not None else ""))
            sys.stdout.flush()
    if not (args.json or args.csv) and failed:
        print(f"{failed} of {total} file(s) could not be read", file=sys.stderr)
    if not (args.json or args.csv) and rec.gate is None:
        print(f"note: 'unknown' is decided by the probability threshold: {rec.gate_note}", file=sys.stderr)
    return 0
