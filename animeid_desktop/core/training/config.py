"""Every training default, the run settings, progress events and results (the data side of :mod:`training`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Callable, Dict, List, Optional

from animeid_desktop.core.engine.registry import ANIME_MODEL, DEFAULT_MODEL, ModelSpec
from animeid_desktop.core.library.runs import SkippedImage, skipped_share
from animeid_desktop.core.progress import ProgressFn

MODES = ("head", "finetune")

# The recipe (both modes): AdamW, mixup, label smoothing; see docs/decisions/ for what was measured.
LR = 8e-4
WEIGHT_DECAY = 3e-4
BATCH_SIZE = 32
MIXUP_ALPHA = 0.4
LABEL_SMOOTHING = 0.08

# Which backbone a run uses when none is named: head mode reads the anime-trained Lite0 (better on every shared
# set, left out of its training: docs/decisions/0018); fine-tune still starts from ImageNet Lite0 (from the anime
# start, faces6 gave the same 94.7%; newgame8 and websearch15 not measured yet).
HEAD_DEFAULT_MODEL = ANIME_MODEL
FINETUNE_DEFAULT_MODEL = DEFAULT_MODEL

# Head mode: a linear layer on frozen, cached features.
HEAD_EPOCHS = 30
HEAD_LR_SCALE = 1.0  # head learning rate relative to the configured (recipe) one
HEAD_MIN_BATCH = 64
HEAD_MIN_STEPS = 400  # small libraries get several passes per epoch so that the layer converges
HEAD_L2 = 1e-3  # L2 penalty on the weights (centred, scaled features): what keeps a linear probe honest
HEAD_VIEWS = "auto"  # head: the candidate that cross-validates best on the training images (or name views)
# What "auto" chooses from (ties: the first): views as in preprocess.VIEWS, the whole picture resized as
# configured (fit); "crop " = the whole picture centre-cropped instead. Face crops favour other views than
# full illustrations do (docs/decisions/0008-head-views-by-cross-validation.md).
HEAD_VIEW_CANDIDATES = ("full", "full+face", "full+top+face", "crop full+face", "crop full+top+face", "full+detected",
                        "full+face+detected")
HEAD_CV_FOLDS = 5  # stratified folds of the training images (the validation images are never used to choose)
HEAD_CV_MEMORY = 256 * 2**20  # bytes of training features of the candidates cross-validated side by side
HEAD_VIEWS_KEPT_CHANGE = 0.25  # a retrain keeps the views its head parent cross-validated while the labelled
# images number within this share of those it chose on (adding a character to a big library: seconds, not a
# new cross-validation); beyond it, or with --fresh, it chooses again
HEAD_VIEWS_KEPT_MIN_IMAGES = 1000  # ... and only when that choice was cross-validated on this many training images:
# on a few hundred the near-tied candidates swap with the data (docs/decisions/0016), and choosing again costs
# seconds there
PROBE_EPOCHS = 30  # linear probe that initialises fc before fine-tuning

# Finetune mode: the whole network.
FINETUNE_EPOCHS = 20
FINETUNE_SIZE_SCALE = 10 / 7  # default input: the model's size x 10/7 (224 -> 320): faces in artworks are small
FINETUNE_REFIT = True  # after validating, fit again on every labelled image (the model that is saved)
FINAL_FITS = 2  # final fits (different seeds) averaged weight by weight: +1.5 points, about +50% time on newgame8
MAX_FINAL_FITS = 4
FINAL_FIT_EPOCHS = 1.0  # each final fit's epochs, as a share of the validated run's (0.6 measured worse)
FINETUNE_FREEZE = 0.5  # the input-side half of the backbone stays frozen: faster, and less overfitting
FINETUNE_VIEWS = "full+top+face"  # test time: the whole picture, its top and its face square ("auto": best on val)
CANVAS_SCALE = 1.15  # training canvases are this much larger than the input, so crops keep detail
CROP_SCALE = (0.3, 1.0)
CROP_RATIO = (3 / 4, 4 / 3)
MEMORY_SHARE = 0.3  # at most this share of available memory holds decoded images
WARMUP_EPOCHS = 1.0  # linear learning-rate warm-up: protects the pretrained features from the first steps
BACKBONE_LR_SCALE = 1.0  # backbone learning rate relative to the classifier's
FACE_CROPS = 0.3  # share of training crops drawn from the upper-centre "face" square instead of the picture
FACE_CANVAS_SHARE = 0.85  # that square's side, as a share of the picture's shorter side

# Open set ("unknown"): see docs/decisions/0007-unknown-by-prototypes.md.
OPENSET_KEEP = 0.95  # the threshold keeps this share of known pictures (characters held out to calibrate)
OPENSET_HELD_OUT_SHARE = 0.25  # share of the characters each calibration fold treats as unseen
OPENSET_MAX_FOLDS = 4  # calibration folds (each holds out other characters)
OPENSET_MIN_CLASSES = 3  # fewer characters: no calibration, the plain probability threshold decides
OPENSET_HEAD_EPOCHS = 10  # epochs of each fold's head on general features


@dataclass(frozen=True)
class Recipe:
    """The optimisation settings of one fine-tuning fit (the plain recipe unless told otherwise)."""

    epochs: int
    lr: float = LR
    weight_decay: float = WEIGHT_DECAY
    batch_size: int = BATCH_SIZE
    mixup_alpha: float = MIXUP_ALPHA
    label_smoothing: float = LABEL_SMOOTHING
    seed: int = 0
    warmup_epochs: float = WARMUP_EPOCHS
    backbone_lr_scale: float = BACKBONE_LR_SCALE
    freeze_fraction: float = 0.0  # share of early backbone layers kept frozen
    face_crops: float = 0.0  # share of training crops drawn from the face square


def default_model(mode: str) -> str:
    """The backbone a ``mode`` run uses when none is named."""
    return HEAD_DEFAULT_MODEL if mode == "head" else FINETUNE_DEFAULT_MODEL


@dataclass
class TrainConfig:
    """Settings of one training run (``None`` = the mode's default)."""

    model: Optional[str] = None  # None: the mode's default, or a fine-tuned backbone a head run continues
    # (data.model_for)
    mode: str = "head"
    epochs: Optional[int] = None
    batch_size: int = BATCH_SIZE
    lr: float = LR
    weight_decay: float = WEIGHT_DECAY
    mixup_alpha: float = MIXUP_ALPHA
    label_smoothing: float = LABEL_SMOOTHING
    image_size: Optional[int] = None
    val_fraction: float = 0.2
    seed: int = 0
    device: Optional[str] = None
    incremental: bool = True
    resize: str = "fit"  # how images become squares: fit (pad), crop (centre) or squash
    tta_flip: Optional[bool] = None  # average with the mirror image; None = on for finetune, off for head
    allow_download: bool = True
    duplicate_aware_split: bool = True  # keep each near-duplicate group on one side of the validation split
    freeze_fraction: Optional[float] = None  # finetune: share of early backbone layers kept frozen (None = default)
    views: Optional[str] = None  # preprocess.VIEWS, or "auto" (head: cross-validated; finetune: best on
    # validation); None = per mode (HEAD_VIEWS, FINETUNE_VIEWS)
    refit: Optional[bool] = None  # finetune: after validating, train again on every image (None = default: on)
    final_fits: Optional[int] = None  # finetune: how many final fits (seeds) are averaged (None = default)
    detected_faces: bool = True  # a one-character picture showing one detected face also teaches from its crop

    def resolved_epochs(self) -> int:
        return int(self.epochs) if self.epochs else (HEAD_EPOCHS if self.mode == "head" else FINETUNE_EPOCHS)

    def resolved_flip(self) -> bool:
        return self.mode == "finetune" if self.tta_flip is None else bool(self.tta_flip)

    def resolved_size(self, spec: ModelSpec) -> int:
        if self.image_size:
            return int(self.image_size)
        return spec.input_size if self.mode == "head" else int(round(spec.input_size * FINETUNE_SIZE_SCALE / 32) * 32)

    def resolved_views(self) -> str:
        return self.views or (HEAD_VIEWS if self.mode == "head" else FINETUNE_VIEWS)

    def resolved_refit(self) -> bool:
        return self.mode == "finetune" and (FINETUNE_REFIT if self.refit is None else bool(self.refit))

    def resolved_final_fits(self) -> int:
        return FINAL_FITS if self.final_fits is None else int(self.final_fits)

    def resolved_freeze(self) -> float:
        return FINETUNE_FREEZE if self.freeze_fraction is None else float(self.freeze_fraction)

    def finetune_recipe(self, epochs: int, seed_offset: int = 0) -> Recipe:
        """The fine-tuning recipe of this run for a fit of ``epochs`` (final fits shift the seed)."""
        return Recipe(epochs=epochs, lr=self.lr, weight_decay=self.weight_decay, batch_size=self.batch_size,
                      mixup_alpha=self.mixup_alpha, label_smoothing=self.label_smoothing,
                      seed=self.seed + seed_offset, freeze_fraction=self.resolved_freeze(), face_crops=FACE_CROPS)


@dataclass
class TrainEvent:
    """A progress event for live views: ``stage`` | ``batch`` | ``epoch`` | ``log``."""

    kind: str
    epoch: int = 0
    epochs: int = 0
    step: int = 0
    steps: int = 0
    train_loss: Optional[float] = None
    val_loss: Optional[float] = None
    val_acc: Optional[float] = None
    message: str = ""


@dataclass
class TrainResult:
    """What a run produced (also stored in ``training_runs`` and the model's ``meta.json``)."""

    run_id: str
    model: str
    mode: str
    classes: List[str]
    pretrained: bool
    best_val_acc: float
    final_val_acc: float
    per_class_acc: Dict[str, float]
    confusion: List[List[int]]
    val_items: List[dict]
    seconds: float
    path: str
    history: List[dict]
    previous_per_class_acc: Optional[Dict[str, float]]
    cancelled: bool
    threshold: float = 0.5
    previous_best_val_acc: Optional[float] = None
    parent_run_id: Optional[str] = None
    incremental: bool = False
    train_count: int = 0
    val_count: int = 0
    skipped: List[SkippedImage] = field(default_factory=list)  # labelled images the run could not use
    labelled_count: int = 0  # labelled images when the run started (used, held out or skipped)
    duplicate_groups: int = 0  # near-duplicate groups the validation split kept together
    detected_face_crops: int = 0  # training rows that are crops of faces the detector found (not of labels)
    final_fit: Optional[dict] = None  # finetune: {"images", "epochs", "seconds"} of the fit on every image
    head_views: Optional[dict] = None  # head "auto": {"chosen", "folds", "images", "scores": {candidate: CV acc}}
    openset: Optional[dict] = None  # open-set calibration: threshold, known kept, unseen flagged, AUROC

    def to_json(self) -> dict:
        """The result as plain JSON-able data."""
        return asdict(self)

    def skipped_share(self) -> float:
        """The share of the labelled images the run could not use."""
        return skipped_share(len(self.skipped), self.labelled_count)


class Reporter:
    """Turns training progress into ``TrainEvent``s and ``on_progress`` calls."""

    def __init__(self, on_progress: Optional[ProgressFn], on_event: Optional[Callable[[TrainEvent], None]]) -> None:
        self.on_progress = on_progress
        self.on_event = on_event
        self.epochs = 0

    def event(self, ev: TrainEvent) -> None:
        if self.on_event:
            self.on_event(ev)

    def stage(self, message: str) -> None:
        self.event(TrainEvent("stage", message=message))
        if self.on_progress:
            self.on_progress(0, 0, message)

    def log(self, message: str) -> None:
        self.event(TrainEvent("log", message=message))

    def progress(self, done: int, total: int, message: str) -> None:
        if self.on_progress:
            self.on_progress(done, total, message)

    def batch(self, epoch: int, step: int, steps: int, loss: float) -> None:
        self.event(TrainEvent("batch", epoch, self.epochs, step, steps, train_loss=loss))
        if self.on_progress:
            self.on_progress((epoch - 1) * steps + step, self.epochs * steps, f"epoch {epoch}/{self.epochs}")

    def epoch(self, record: dict) -> None:
        self.event(TrainEvent("epoch", record["epoch"], self.epochs, train_loss=record["train_loss"],
                              val_loss=record["val_loss"], val_acc=record["val_acc"],
                              message=_epoch_line(record, self.epochs)))


def _epoch_line(record: dict, epochs: int) -> str:
    val = "" if record["val_acc"] is None else f"  val loss {record['val_loss']:.3f}  val acc {record['val_acc']:.1%}"
    return f"epoch {record['epoch']:>3}/{epochs}  train loss {record['train_loss']:.3f}{val}"
