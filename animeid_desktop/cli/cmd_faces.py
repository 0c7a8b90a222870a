"""``animeid faces detect``: anime-face boxes in the library's images, or in given files and folders.

OpenCV and the detector load inside the command, never when the CLI starts.
"""

from __future__ import annotations

import argparse
import sys
import time

from animeid_desktop.cli.cmd_library import graceful_interrupt
from animeid_desktop.cli.common import ProgressBar, add_command, library_parent, open_library, print_json


def register(sub) -> None:
    """Add ``faces detect`` and ``faces assign`` to the CLI."""
    faces = sub.add_parser("faces", help="find anime faces in pictures", description="find anime faces in pictures",
                           parents=[library_parent()])
    faces_sub = faces.add_subparsers(dest="faces_command", metavar="ACTION", required=True)
    p = add_command(faces_sub, "detect", "face boxes (fractions of the picture: x0 y0 x1 y1) per image, cached "
                    "in the library; no face found means the whole picture is used", run_detect)
    p.add_argument("paths", nargs="*", metavar="PATH", help="image files or folders (default: the whole library)")
    p.add_argument("--json", action="store_true", help="JSON Lines: one object per image (summary on stderr)")
    p.add_argument("--scale-factor", type=float, default=None, help="image pyramid step, above 1 (default 1.1)")
    p.add_argument("--min-neighbors", type=int, default=None, help="detections a face needs (default 4)")
    p.add_argument("--min-face", type=float, default=None,
                   help="smallest face side as a fraction of the picture's shorter side (default 0.06)")
    p.add_argument("--luma-only", action="store_true",
                   help="skip the second pass on the darkest colour channel: about twice as fast, misses more "
                        "light-haired faces")
    a = add_command(faces_sub, "assign", "give detected faces to labelled characters where an image has as many "
                    "faces as characters (matched by the active model), so training learns from their crops",
                    run_assign)
    a.add_argument("--dry-run", action="store_true", help="print the proposed boxes without storing them")
    a.add_argument("--json", action="store_true", help="JSON Lines: one object per image")


def _detector(args: argparse.Namespace):
    from animeid_desktop.core.errors import UserError
    from animeid_desktop.core.media.face_detection import FaceDetector, FaceParams

    given = {"scale_factor": args.scale_factor, "min_neighbors": args.min_neighbors, "min_face": args.min_face,
             "darkest_pass": False if args.luma_only else None}
    try:
        params = FaceParams(**{k: v for k, v in given.items() if v is not None})
    except ValueError as exc:
        raise UserError(f"--{str(exc).replace('_', '-')}") from exc
    return FaceDetector(params)


def _plain(result) -> str:
    if result.error:
        return f"{result.path}\terror: {result.error}"
    if not result.faces:
        return f"{result.path}\tno face found (the whole picture is the unit)"
    boxes = "  ".join("[" + " ".join(f"{v:.3f}" for v in f.box) + f"] score {f.score:g}" for f in result.faces)
    return f"{result.path}\t{len(result.faces)} face(s): {boxes}"


def _emit(result, as_json: bool) -> None:
    if as_json:
        print_json(result.to_json())
    else:
        print(_plain(result), flush=True)


def run_detect(args: argparse.Namespace) -> int:
    """Detect faces, print them per image, then a summary."""
    from animeid_desktop.core.library.face_scan import detect_library_faces, path_rows
    from animeid_desktop.core.media.face_cache import summarise

    detector = _detector(args)
    lib = open_library(args, create=False)
    start = time.perf_counter()
    bar = ProgressBar("faces")
    rows, results = None, []
    with graceful_interrupt() as stop:
        if args.paths:
            rows, results = path_rows(lib, args.paths, on_progress=ProgressBar("hashing"), should_stop=stop.is_set)
        for result in results:
            _emit(result, args.json)
        for result in detect_library_faces(lib, detector=detector, rows=rows, on_progress=bar,
                                           should_stop=stop.is_set):
            results.append(result)
            if bar.enabled:
                sys.stderr.write("\r\033[K")
            _emit(result, args.json)
    counts = summarise(results)
    seconds = time.perf_counter() - start
    print(f"{counts['with_face']} of {counts['images']} image(s) with at least one face, {counts['faces']} face(s) "
          f"found in {seconds:.1f} s ({counts['cached']} from the cache, {counts['unreadable']} unreadable; "
          f"detector {detector.identity})", file=sys.stderr if args.json else sys.stdout)
    return 0


def run_assign(args: argparse.Namespace) -> int:
    """Propose face boxes for labelled characters, store them (one undo step) unless ``--dry-run``."""
    from animeid_desktop.core.media.face_detection import FaceDetector
    from animeid_desktop.core.recognition.face_assign import apply_assignments, propose_assignments
    from animeid_desktop.core.recognition.recognizer import Recognizer

    lib = open_library(args, create=False)
    rec = Recognizer.load(lib)
    with graceful_interrupt() as stop:
        found = propose_assignments(lib, recognizer=rec, detector=FaceDetector(), on_progress=ProgressBar("faces"),
                                    should_stop=stop.is_set)
    for a in found:
        if args.json:
            print_json(a.to_json())
        else:
            print(f"{a.path}\t" + ", ".join(f"{c} [{' '.join(f'{v:.3f}' for v in b)}]" for c, b in a.boxes))
    if not args.dry_run and found:
        apply_assignments(lib, found)
    verb = "proposed" if args.dry_run else "stored"
    print(f"face boxes {verb} for {len(found)} image(s) (box source: detector)",
          file=sys.stderr if args.json else sys.stdout)
    return 0
