"""Core-made English text of training and recognition, in the user's language.

Sentences are composed here from the core's structured fields where it gives them (open-set figures,
labelled counts, skip reasons counted); progress and log messages the core only gives as text are
matched against the known patterns and translated, their fields kept. Unknown text passes through
unchanged. Context "TrainingText" for all of them.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Mapping, Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from animeid_desktop.gui import core_text, image_reasons

CONTEXT = "TrainingText"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


# (full-match pattern, source text with the pattern's named groups as fields); the phrases every job
# shares are core_text's, the reasons an image is unusable image_reasons'
MESSAGES = [
    (r"skipped (?P<path>.+?): (?P<reason>.+)", QT_TRANSLATE_NOOP("TrainingText", "skipped {path}: {reason}")),
    (r"features: (?P<cached>\d+) from cache, (?P<computed>\d+) computed",
     QT_TRANSLATE_NOOP("TrainingText", "features: {cached} from cache, {computed} computed")),
    (r"features: (?P<cached>\d+) from cache, (?P<computed>\d+) computed \((?P<views>\d+) views each\)",
     QT_TRANSLATE_NOOP("TrainingText", "features: {cached} from cache, {computed} computed ({views} views each)")),
    (r"test-time views: (?P<views>.+) \(best on validation\)",
     QT_TRANSLATE_NOOP("TrainingText", "test-time views: {views} (best on validation)")),
    (r"head views: (?P<views>.+) \(too few training images to cross-validate\)",
     QT_TRANSLATE_NOOP("TrainingText", "head views: {views} (too few training images to cross-validate)")),
    (r"head views: (?P<views>.+), best of (?P<folds>\d+)-fold cross-validation on (?P<count>\d+) training images "
     r"\((?P<scores>.+)\)",
     QT_TRANSLATE_NOOP("TrainingText", "head views: {views}, best of {folds}-fold cross-validation on {count} "
                                       "training images ({scores})")),
    (r"head views: (?P<views>.+), kept from run (?P<run>\S+) \(cross-validated on (?P<count>\d+) training images; "
     r"chosen again when the labelled images change by more than (?P<share>\d+%)\)",
     QT_TRANSLATE_NOOP("TrainingText", "head views: {views}, kept from run {run} (cross-validated on {count} "
                                       "training images; chosen again when the labelled images change by more "
                                       "than {share})")),
    (r"final fit cancelled: keeping the network trained without the validation images",
     QT_TRANSLATE_NOOP("TrainingText", "final fit cancelled: keeping the network trained without the validation "
                                       "images")),
    (r"final fit cancelled: keeping the (?P<done>\d+) finished fit\(s\) of (?P<fits>\d+)",
     QT_TRANSLATE_NOOP("TrainingText", "final fit cancelled: keeping the {done} finished fit(s) of {fits}")),
    (r"(?P<count>\d+) near-duplicate group\(s\) kept on one side of the validation split",
     QT_TRANSLATE_NOOP("TrainingText", "{count} near-duplicate group(s) kept on one side of the validation split")),
    (r"open set: some pictures have no general features; the probability threshold decides",
     QT_TRANSLATE_NOOP("TrainingText", "open set: some pictures have no general features; the probability "
                                       "threshold decides")),
    (r"open set: needs (?P<count>\d+)\+ characters and validation pictures; the probability threshold decides",
     QT_TRANSLATE_NOOP("TrainingText", "open set: needs {count}+ characters and validation pictures; the "
                                       "probability threshold decides")),
    (r"cannot start from the active model (?P<run>\S+) \((?P<error>.*)\); starting afresh",
     QT_TRANSLATE_NOOP("TrainingText", "cannot start from the active model {run} ({error}); starting afresh")),
    (r"Of pictures of characters you have not labelled, about (?P<flagged>\d+%) will be set aside as unknown, "
     r"while (?P<kept>\d+%) of pictures of your characters are kept\.",
     QT_TRANSLATE_NOOP("TrainingText", "Of pictures of characters you have not labelled, about {flagged} will be set "
                                       "aside as unknown, while {kept} of pictures of your characters are kept.")),
    (r"Unknown pictures: decided by the plain probability threshold \(no open-set calibration\)\.",
     QT_TRANSLATE_NOOP("TrainingText", "Unknown pictures: decided by the plain probability threshold (no open-set "
                                       "calibration).")),
    (r"WARNING: no pretrained weights for (?P<model>\S+) \(not in the torch hub cache, not imported, no download "
     r"possible\): training starts from RANDOM weights and will be far less accurate\. Import weights with "
     r"'(?P<command>[^']+)'\.",
     QT_TRANSLATE_NOOP("TrainingText", "WARNING: no pretrained weights for {model} (not in the torch hub cache, not "
                                       "imported, no download possible): training starts from RANDOM weights and "
                                       "will be far less accurate. Import weights with '{command}'.")),
    # why an image could not be used (a missing file, face crops, group shots)
    (r"(?P<path>.+): file not found", QT_TRANSLATE_NOOP("TrainingText", "{path}: file not found")),
    (r"face crop: (?P<error>.*)", QT_TRANSLATE_NOOP("TrainingText", "face crop: {error}")),
    (r"group shot \((?P<count>\d+) characters\): needs face boxes",
     QT_TRANSLATE_NOOP("TrainingText", "group shot ({count} characters): needs face boxes")),
]
_COMPILED = [(re.compile(pattern, re.DOTALL), source) for pattern, source in MESSAGES]
_NESTED = {"reason", "error"}  # fields that are themselves core text


def message(text: str) -> str:
    """A core progress, log or reason message in the user's language (unknown text unchanged): the phrases
    every job shares (stages, epochs, caches) from :mod:`core_text`, why an image is unusable from
    :mod:`image_reasons`, the training log's own from here."""
    shared = (core_text.translation_of(text) or image_reasons.translation_of(text)) if text else None
    if shared is not None:
        return shared
    for pattern, source in _COMPILED:
        match = pattern.fullmatch(text)
        if match:
            fields = {k: message(v) if k in _NESTED else v for k, v in match.groupdict().items()}
            return _tr(source).format(**fields)
    return text


def skipped_reasons(reasons: Iterable[str]) -> str:
    """Why images were skipped, commonest first: ``reason (2); reason (1)``, translated."""
    each = QCoreApplication.translate("TrainingText", "{reason} ({count})")
    return QCoreApplication.translate("TrainingText", "; ").join(
        each.format(reason=message(reason), count=n) for reason, n in Counter(reasons).most_common())


def openset_sentence(report: Mapping[str, object]) -> str:
    """The open-set calibration in one sentence (the core's ``openset_text.sentence``, composed here)."""
    flagged, keep = report.get("unseen_flagged"), report.get("known_kept")
    if not isinstance(flagged, (int, float)) or not isinstance(keep, (int, float)):
        return QCoreApplication.translate(
            "TrainingText", "Unknown pictures: decided by the plain probability threshold (no open-set calibration).")
    return QCoreApplication.translate(
        "TrainingText", "Of pictures of characters you have not labelled, about {flagged} will be set aside as "
        "unknown, while {kept} of pictures of your characters are kept.").format(flagged=f"{flagged:.0%}",
                                                                                 kept=f"{keep:.0%}")


def training_problem(counts: Mapping[str, int], problem: Optional[str]) -> Optional[str]:
    """Why no model can be trained (the core's ``training_problem`` said there is a problem), or None."""
    if problem is None:
        return None
    named = sorted((name for name, n in counts.items() if n > 0), key=lambda n: (n.casefold(), n))
    if named:
        return QCoreApplication.translate(
            "TrainingText", "Only “{name}” has labelled images; label images of at least two characters before "
            "training.").format(name=named[0])
    return QCoreApplication.translate(
        "TrainingText", "No character has labelled images; label images of at least two characters before training.")

