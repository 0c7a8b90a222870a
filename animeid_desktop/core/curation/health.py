"""Dataset health: per character counts, validation accuracy and confusions, with plain-language advice.

Per character: labelled images, unlabelled images the active model predicts as it, its validation
accuracy in the active run and the character it is most often confused with. Warnings say what to
do, e.g. "toyama_rin has 16 images; characters with fewer than 30 are usually recognised worse —
add about 14 more" or "aoba and nene are confused in 12% of cases".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional, Tuple

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.runs import USABLE, Run, active_run_id, get_run, list_runs, skipped_reasons
from animeid_desktop.core.progress import ProgressFn, StopFn

RECOMMENDED_IMAGES = 30
CONFUSION_WARN = 0.10
LOW_ACCURACY = 0.6
IMBALANCE = 5.0


@dataclass
class CharacterHealth:
    """One character's numbers."""

    name: str
    images: int
    predicted: int = 0
    val_accuracy: Optional[float] = None
    val_images: int = 0
    confused_with: Optional[str] = None
    confused_share: Optional[float] = None  # of both characters' validation images
    add_more: int = 0  # images to add to reach the recommended count
    in_model: bool = False


@dataclass
class HealthWarning:
    """A finding with advice; ``level`` is ``warn`` (hurts recognition) or ``info``."""

    level: str
    kind: str
    message: str
    characters: List[str] = field(default_factory=list)


@dataclass(frozen=True)
class SkippedLabel:
    """A labelled image the latest training run could not use, still labelled, and why."""

    image_id: int
    path: str
    character: str
    reason: str


@dataclass
class HealthReport:
    """Everything the health page and ``animeid health`` show."""

    characters: List[CharacterHealth]
    warnings: List[HealthWarning]
    totals: Dict[str, int]
    run_id: Optional[str] = None
    run_accuracy: Optional[float] = None
    duplicate_groups: Optional[int] = None
    skipped: List[SkippedLabel] = field(default_factory=list)
    skipped_run_id: Optional[str] = None  # the run that could not use them: the latest finished one

    def to_json(self) -> dict:
        return {"run_id": self.run_id, "run_accuracy": self.run_accuracy, "totals": self.totals,
                "duplicate_groups": self.duplicate_groups, "skipped_run_id": self.skipped_run_id,
                "skipped": [asdict(s) for s in self.skipped],
                "characters": [asdict(c) for c in self.characters], "warnings": [asdict(w) for w in self.warnings]}


# ------------------------------------------------------------------------------------ pieces
def predicted_counts(lib: Library, run_id: Optional[str]) -> Tuple[Dict[str, int], int]:
    """Unlabelled ok images per suggested character, and how many are unknown. An image whose faces name
    somebody counts once for each character they name (its whole picture is not counted); others count
    for their top whole-picture answer (``gallery_query.suggested_labels``' rule)."""
    if not run_id:
        return {}, 0
    unlabelled = ("JOIN images i ON i.id = {t}.image_id LEFT JOIN labels l ON l.image_id = {t}.image_id "
                  "WHERE l.image_id IS NULL AND i.status = 'ok'")
    named = ("EXISTS (SELECT 1 FROM face_predictions f WHERE f.image_id = p.image_id AND f.run_id = ? "
             "AND f.unknown = 0)")
    counts: Dict[str, int] = {}
    for r in lib.query(
        "SELECT character, COUNT(DISTINCT f.image_id) AS n FROM face_predictions f "
        f"{unlabelled.format(t='f')} AND f.run_id = ? AND f.unknown = 0 GROUP BY character",
        (run_id,),
    ):
        counts[r["character"]] = r["n"]
    unknown = 0
    for r in lib.query(
        "SELECT p.character, p.unknown, COUNT(*) AS n FROM ("
        "  SELECT image_id, character, unknown, MIN(rank) AS r FROM predictions WHERE run_id = ? GROUP BY image_id"
        f") p {unlabelled.format(t='p')} AND NOT {named} GROUP BY p.character, p.unknown",
        (run_id, run_id),
    ):
        if r["unknown"]:
            unknown += r["n"]
        else:
            counts[r["character"]] = counts.get(r["character"], 0) + r["n"]
    return counts, unknown


def confusion_pairs(classes: List[str], confusion: List[List[int]]) -> List[Tuple[str, str, int, float]]:
    """``(a, b, mistakes, share)`` for every pair with mistakes either way, worst share first.

    ``share`` = mistakes between a and b / validation images of a and b together.
    """
    totals = [sum(row) for row in confusion]
    out = []
    for i in range(len(classes)):
        for j in range(i + 1, len(classes)):
            mistakes = confusion[i][j] + confusion[j][i]
            if mistakes:
                out.append((classes[i], classes[j], mistakes, mistakes / max(1, totals[i] + totals[j])))
    return sorted(out, key=lambda t: (-t[3], -t[2], t[0], t[1]))


def skipped_by_latest_run(lib: Library) -> Tuple[Optional[str], List[SkippedLabel]]:
    """The latest finished run's id and the images it could not use that are still labelled (by id)."""
    latest = next((r for r in list_runs(lib) if r.status in USABLE), None)
    reasons = {s.path: s.reason for s in latest.skipped} if latest else {}
    if not reasons:
        return None, []
    return latest.id, [SkippedLabel(int(r["id"]), r["path"], r["character"], reasons[r["path"]])
                       for r in L.labelled_by_image(lib) if r["path"] in reasons]


def _totals(lib: Library, unknown: int, predicted: int) -> Dict[str, int]:
    images = int(lib.scalar("SELECT COUNT(*) FROM images WHERE status = 'ok'") or 0)
    labelled = int(lib.scalar("SELECT COUNT(DISTINCT l.image_id) FROM labels l JOIN images i ON i.id = l.image_id "
                              "WHERE i.status = 'ok'") or 0)
    return {"images": images, "labelled": labelled, "unlabelled": images - labelled, "predicted": predicted,
            "unknown": unknown}


# ------------------------------------------------------------------------------------ report
def dataset_health(
    lib: Library,
    run_id: Optional[str] = None,
    check_duplicates: bool = True,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> HealthReport:
    """The health report of the library against the active (or given) run.

    ``check_duplicates`` counts near-duplicate groups with the cached perceptual hashes (and
    cached features where all are present); computing missing hashes decodes each image once.
    """
    run_id = run_id or active_run_id(lib)
    run = None
    if run_id:
        try:
            run = get_run(lib, run_id)
        except UserError:
            run, run_id = None, None
    chars = L.list_characters(lib)
    predicted, unknown = predicted_counts(lib, run_id)
    metrics = run.metrics if run else {}
    classes: List[str] = list(run.classes) if run else []
    per_class = metrics.get("per_class_acc", {}) or {}
    confusion = metrics.get("confusion") or []
    if len(confusion) != len(classes):
        confusion = []  # a run without (or with a damaged) confusion matrix
    pairs = confusion_pairs(classes, confusion) if confusion else []
    val_counts = {c: sum(row) for c, row in zip(classes, confusion)}

    report = HealthReport([], [], _totals(lib, unknown, sum(predicted.values())), run_id,
                          run.best_val_acc if run else None)
    for c in chars:
        h = CharacterHealth(c["name"], int(c["images"]), predicted.get(c["name"], 0),
                            per_class.get(c["name"]), val_counts.get(c["name"], 0),
                            in_model=c["name"] in classes)
        worst = next((p for p in pairs if c["name"] in p[:2]), None)
        if worst:
            h.confused_with = worst[1] if worst[0] == c["name"] else worst[0]
            h.confused_share = round(worst[3], 4)
        h.add_more = max(0, RECOMMENDED_IMAGES - h.images)
        report.characters.append(h)
    report.skipped_run_id, report.skipped = skipped_by_latest_run(lib)
    report.warnings = _warnings(lib, report, pairs, run)
    if check_duplicates and report.totals["images"]:
        from animeid_desktop.core.engine.near_duplicates import split_groups

        ids = [r["id"] for r in lib.query("SELECT id FROM images WHERE status = 'ok' ORDER BY id")]
        _groups, count = split_groups(lib, ids, on_progress=on_progress, should_stop=should_stop)
        report.duplicate_groups = count
        if count:
            report.warnings.append(HealthWarning(
                "info", "duplicates", f"{count} group(s) of near-duplicate images: review them on the Duplicates "
                "page (training already keeps each group on one side of the validation split)"))
    return report


def _warnings(lib: Library, report: HealthReport, pairs: List[Tuple[str, str, int, float]],
              run: Optional[Run]) -> List[HealthWarning]:
    out: List[HealthWarning] = []
    chars = report.characters
    labelled = [c for c in chars if c.images > 0]
    trainable = L.training_problem({c.name: c.images for c in chars}) is None
    if not trainable:
        out.append(HealthWarning("warn", "too_few_characters",
                                 "label images of at least two characters so a model can be trained"))
    for c in sorted(chars, key=lambda c: c.images):
        if c.images == 0:
            out.append(HealthWarning("warn", "empty", f"{c.name} has no labelled images; label some or delete it",
                                     [c.name]))
        elif c.images < RECOMMENDED_IMAGES:
            out.append(HealthWarning(
                "warn", "few_images", f"{c.name} has {c.images} image{'s' if c.images != 1 else ''}; characters with "
                f"fewer than {RECOMMENDED_IMAGES} are usually recognised worse — add about {c.add_more} more",
                [c.name]))
    for a, b, mistakes, share in pairs:
        if share >= CONFUSION_WARN and mistakes >= 2:
            out.append(HealthWarning("warn", "confused", f"{a} and {b} are confused in {share:.0%} of cases "
                                     f"({mistakes} validation mistakes); add images that show what tells them apart",
                                     [a, b]))
    for c in chars:
        if c.val_accuracy is not None and c.val_images >= 3 and c.val_accuracy < LOW_ACCURACY:
            out.append(HealthWarning("warn", "low_accuracy", f"{c.name} is recognised in only {c.val_accuracy:.0%} "
                                     f"of its validation images; add more varied pictures of {c.name}", [c.name]))
    if len(labelled) >= 2:
        big, small = max(labelled, key=lambda c: c.images), min(labelled, key=lambda c: c.images)
        if big.images >= IMBALANCE * small.images:
            out.append(HealthWarning("info", "imbalance", f"{big.name} has {big.images / small.images:.0f}× as many "
                                     f"images as {small.name}; the model leans towards large characters",
                                     [big.name, small.name]))
    if run is None:
        if trainable:
            out.append(HealthWarning("info", "no_model", "no model trained yet: train one to see accuracy and "
                                     "confusions per character"))
    else:
        new = [c.name for c in labelled if not c.in_model]
        if new:
            out.append(HealthWarning("warn", "stale_model", f"the model does not know {', '.join(new)} yet; "
                                     "retrain to include them", new))
        else:
            from animeid_desktop.core.training.pipeline import labelled_set_changed

            if labelled_set_changed(lib):
                out.append(HealthWarning("info", "stale_model", "labels changed since the model was trained; "
                                         "retrain to use them"))
    if report.skipped:
        n = len(report.skipped)
        out.append(HealthWarning("warn", "skipped", f"the latest training run could not use {n} labelled "
                                 f"image{'s' if n != 1 else ''} ({skipped_reasons(s.reason for s in report.skipped)})"
                                 "; replace those files or remove their labels, then train again",
                                 sorted({s.character for s in report.skipped})))
    if report.totals["unknown"]:
        out.append(HealthWarning("info", "unknown", f"{report.totals['unknown']} unlabelled image(s) look like no "
                                 "known character: the Clusters page groups them so you can name new characters"))
    return out
