"""``animeid train``: train a recogniser on the library's labelled images (the run becomes active)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING

from animeid_desktop.cli.cmd_library import graceful_interrupt
from animeid_desktop.cli.common import ProgressBar, add_command, open_library, print_json
from animeid_desktop.core.engine.openset_text import sentence

if TYPE_CHECKING:
    from animeid_desktop.core.training.pipeline import TrainConfig, TrainEvent, TrainResult

JSON_KEYS = ("model", "mode", "classes", "pretrained", "best_val_acc", "final_val_acc", "per_class_acc", "confusion",
             "seconds", "run_id", "path", "detected_face_crops")


def register(sub) -> None:
    add_command(sub, "train", "train a recogniser on the labelled images; the new run becomes the active model",
                run_train, arguments=_arguments)


def _arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``train``: their choices and defaults come from the engine and training (torch)."""
    from animeid_desktop.core.engine.preprocess import AUTO_VIEWS, VIEWS
    from animeid_desktop.core.engine.registry import MODEL_NAMES
    from animeid_desktop.core.training.config import (
        BATCH_SIZE,
        FINAL_FITS,
        FINETUNE_DEFAULT_MODEL,
        FINETUNE_EPOCHS,
        FINETUNE_FREEZE,
        HEAD_DEFAULT_MODEL,
        HEAD_EPOCHS,
        LR,
    )
    from animeid_desktop.core.training.pipeline import MODES

    p.add_argument("--model", default=None, choices=MODEL_NAMES,
                   help=f"backbone (default: {HEAD_DEFAULT_MODEL} for head, {FINETUNE_DEFAULT_MODEL} for finetune)")
    p.add_argument("--mode", default="head", choices=MODES,
                   help="head: frozen backbone, seconds (default); finetune: whole network, minutes, more accurate")
    p.add_argument("--epochs", type=int, default=None,
                   help=f"epochs (default: {HEAD_EPOCHS} for head, {FINETUNE_EPOCHS} for finetune)")
    p.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    p.add_argument("--lr", type=float, default=LR, help=f"learning rate (default {LR:g})")
    p.add_argument("--image-size", type=int, default=None,
                   help="input size in pixels (default: the model's; x10/7 for finetune, e.g. 320 for Lite0)")
    p.add_argument("--freeze", type=float, default=None, metavar="FRACTION",
                   help=f"finetune: share of early backbone layers kept frozen (default {FINETUNE_FREEZE})")
    p.add_argument("--views", default=None, choices=VIEWS + (AUTO_VIEWS,),
                   help="what recognition looks at besides the whole picture: its top square (+top), its "
                        "upper-centre face square (+face); default: auto for head (the candidate that "
                        "cross-validates best on the training images), full+top+face for finetune; "
                        "auto: the combination that validates best")
    p.add_argument("--resize", default="fit", choices=["fit", "crop", "squash"],
                   help="fit whole picture with padding (default), centre crop, or stretch")
    p.add_argument("--val-fraction", type=float, default=0.2, help="share of each character held out (default 0.2)")
    p.add_argument("--device", default=None, help="cpu, cuda or mps (default: the best available)")
    p.add_argument("--fresh", action="store_true", help="start from pretrained weights, not from the active model")
    p.add_argument("--no-download", action="store_true", help="never download pretrained weights")
    p.add_argument("--no-final-fit", action="store_true",
                   help="finetune: keep the network trained without the validation images (skips the final "
                        "fits on every image: about a third as long, a few points less accurate)")
    p.add_argument("--final-fits", type=int, default=None, metavar="N",
                   help=f"finetune: average N final fits with different seeds into one network (default "
                        f"{FINAL_FITS}; on newgame8, 1 instead of 2 took a third less time and was about 1.5 "
                        f"points less accurate)")
    p.add_argument("--no-detected-faces", action="store_true",
                   help="learn from labelled boxes only: without it, a one-character picture in which the face "
                        "detector finds one face also teaches from that face's crop")
    p.add_argument("--fp16-storage", action="store_true",
                   help="store the saved model's backbone in half precision (about half the file; same predictions)")
    p.add_argument("--json", action="store_true", help="print exactly one JSON object with the result on stdout")
    p.add_argument("--quiet", action="store_true", help="no per-epoch lines on stderr")


def _config(args: argparse.Namespace) -> TrainConfig:
    from animeid_desktop.core.training.pipeline import TrainConfig

    return TrainConfig(
        model=args.model, mode=args.mode, epochs=args.epochs, batch_size=args.batch_size, lr=args.lr,
        image_size=args.image_size, resize=args.resize, val_fraction=args.val_fraction, device=args.device,
        incremental=not args.fresh, allow_download=not args.no_download, freeze_fraction=args.freeze,
        views=args.views, refit=False if args.no_final_fit else None, final_fits=args.final_fits,
        detected_faces=not args.no_detected_faces,
    )


def _print_summary(result: TrainResult) -> None:
    state = "CANCELLED (best checkpoint so far saved)" if result.cancelled else "done"
    print(f"run {result.run_id} {state}: {result.model} {result.mode}, {len(result.classes)} characters, "
          f"{result.train_count} training / {result.val_count} validation images, {result.seconds:.1f} s")
    if result.detected_face_crops:
        print(f"{result.detected_face_crops} of the training images are face crops: one-character pictures in "
              "which the detector found one face also teach from it (--no-detected-faces: labelled boxes only)")
    if not result.pretrained:
        print("WARNING: trained from random weights (no pretrained weights found); accuracy will be poor")
    print(f"validation accuracy: best {result.best_val_acc:.1%}, final {result.final_val_acc:.1%}"
          + (f" (previous model: {result.previous_best_val_acc:.1%})" if result.previous_best_val_acc is not None
             else ""))
    previous = result.previous_per_class_acc or {}
    width = max((len(c) for c in result.classes), default=10)
    for name in result.classes:
        if name not in result.per_class_acc:
            print(f"  {name:<{width}}  (no validation images)")
            continue
        before = f"   before {previous[name]:.0%}" if name in previous else ("   new" if previous else "")
        print(f"  {name:<{width}}  {result.per_class_acc[name]:>5.0%}{before}")
    if result.final_fit:
        fits = result.final_fit.get("fits", 1)
        how = f"{fits} fits averaged" if fits > 1 else "one fit"
        print(f"final model: fitted again on all {result.final_fit['images']} images ({how}, "
              f"{result.final_fit['seconds']:.0f} s); the validation figures above describe the same recipe")
    views = result.head_views or {}
    if views.get("kept_from"):
        print(f"views: {views['chosen']} (kept from run {views['kept_from']}, which cross-validated them; "
              "'--fresh' chooses again)")
    elif views.get("folds"):
        print(f"views: {views['chosen']} (best of {views['folds']}-fold cross-validation on the training images)")
    print(f"unknown threshold: {result.threshold:.2f}   model: {result.path}")
    print(sentence(result.openset or {}))
    _print_skipped(result)


def _print_skipped(result: TrainResult) -> None:
    """How many labelled images the run could not use and why; a WARNING line when it is many."""
    from animeid_desktop.core.library.runs import SKIPPED_WARN_SHARE, skipped_reasons

    if not result.skipped:
        return
    why = skipped_reasons(s.reason for s in result.skipped)
    print(f"{len(result.skipped)} of {result.labelled_count} labelled image(s) skipped: {why}")
    for s in result.skipped[:5]:
        print(f"  skipped {s.path}: {s.reason}")
    if len(result.skipped) > 5:
        print(f"  ... and {len(result.skipped) - 5} more (animeid train --json lists them all)")
    if result.skipped_share() > SKIPPED_WARN_SHARE:
        print(f"WARNING: {result.skipped_share():.0%} of the labelled images were not used for training; "
              "fix or remove those files, then train again")


class _Console:
    """Per-epoch lines and stage messages on stderr, with a progress bar in between on a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar = ProgressBar("train")
        self.drawn = False

    def line(self, text: str) -> None:
        if self.quiet:
            return
        if self.drawn:
            sys.stderr.write("\r\033[K")
            self.drawn = False
        print(text, file=sys.stderr, flush=True)

    def on_event(self, ev: TrainEvent) -> None:
        if ev.kind in ("epoch", "log"):
            self.line(ev.message)
        elif ev.kind == "stage" and not self.bar.enabled:
            self.line(f"[{ev.message}]")

    def on_progress(self, done: int, total: int, message: str) -> None:
        if not self.quiet and total:
            self.bar(done, total, message)
            self.drawn = self.bar.enabled and done < total


def run_train(args: argparse.Namespace) -> int:
    from animeid_desktop.core.training.pipeline import train

    lib = open_library(args, create=False)
    console = _Console(args.quiet)
    with graceful_interrupt() as stop:
        result = train(lib, _config(args), on_progress=console.on_progress, should_stop=stop.is_set,
                       on_event=console.on_event)
    if console.drawn:
        console.line("")
    storage, sizes = "fp32", None
    if args.fp16_storage and result.path:
        from animeid_desktop.core.engine.fp16_storage import store_fp16

        storage, sizes = "fp16", store_fp16(result.path)
    if args.json:
        payload = {key: getattr(result, key) for key in JSON_KEYS}
        payload.update(threshold=result.threshold, cancelled=result.cancelled, incremental=result.incremental,
                       previous_per_class_acc=result.previous_per_class_acc, history=result.history,
                       final_fit=result.final_fit, head_views=result.head_views, openset=result.openset,
                       skipped=[asdict(s) for s in result.skipped],
                       storage=storage)
        if sizes:
            payload.update(size_mb_before=round(sizes[0] / 1e6, 3), size_mb=round(sizes[1] / 1e6, 3))
        print_json(payload)
    else:
        _print_summary(result)
        if sizes:
            print(f"stored in half precision (fp16): {sizes[0] / 1e6:.1f} MB -> {sizes[1] / 1e6:.1f} MB")
    return 0
