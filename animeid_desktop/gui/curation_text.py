"""The curation pages' core-made sentences in the user's language.

The core (Qt-free) writes the dataset-health findings and the "label next" reasons in English for
the CLI; here the same sentences are composed with Qt's translation from the records' fields (a
number the record does not keep is read back from the core's sentence). A finding not known here
passes through unchanged.
"""

from __future__ import annotations

import re
from typing import Callable, Dict, Optional

from PySide6.QtCore import QCoreApplication

from animeid_desktop.core.curation.active_learning import QueueItem
from animeid_desktop.core.curation.health import RECOMMENDED_IMAGES, HealthReport, HealthWarning

translate = QCoreApplication.translate


def _join(names) -> str:
    return translate("HealthText", ", ").join(names)


def _few_images(w: HealthWarning, report: HealthReport) -> Optional[str]:
    c = _character(report, w.characters[0])
    return translate("HealthText", "{name} has %n images; characters with fewer than {minimum} are usually "
                     "recognised worse — add about {more} more", None, c.images).format(
        name=c.name, minimum=RECOMMENDED_IMAGES, more=c.add_more)


def _confused(w: HealthWarning, report: HealthReport) -> Optional[str]:
    match = re.search(r"confused in (\d+%) of cases \((\d+) validation mistakes\)", w.message)
    if match is None or len(w.characters) != 2:
        return None
    return translate("HealthText", "{a} and {b} are confused in {share} of cases (%n validation mistakes); add "
                     "images that show what tells them apart", None, int(match.group(2))).format(
        a=w.characters[0], b=w.characters[1], share=match.group(1))


def _low_accuracy(w: HealthWarning, report: HealthReport) -> Optional[str]:
    c = _character(report, w.characters[0])
    return translate("HealthText", "{name} is recognised in only {accuracy} of its validation images; add more "
                     "varied pictures of {name}").format(name=c.name, accuracy=f"{c.val_accuracy:.0%}")


def _imbalance(w: HealthWarning, report: HealthReport) -> Optional[str]:
    big, small = (_character(report, name) for name in w.characters)
    return translate("HealthText", "{big} has {ratio}× as many images as {small}; the model leans towards large "
                     "characters").format(big=big.name, small=small.name, ratio=f"{big.images / small.images:.0f}")


def _stale_model(w: HealthWarning, report: HealthReport) -> Optional[str]:
    if not w.characters:
        return translate("HealthText", "labels changed since the model was trained; retrain to use them")
    return translate("HealthText", "the model does not know {names} yet; retrain to include them").format(
        names=_join(w.characters))


def _skipped(w: HealthWarning, report: HealthReport) -> Optional[str]:
    match = re.search(r"\((.*)\); replace those files", w.message)
    if match is None:
        return None
    return translate("HealthText", "the latest training run could not use %n labelled images ({reasons}); "
                     "replace those files or remove their labels, then train again", None,
                     len(report.skipped)).format(reasons=match.group(1))


def _unknown(w: HealthWarning, report: HealthReport) -> Optional[str]:
    return translate("HealthText", "%n unlabelled image(s) look like no known character: the New characters page "
                     "groups them so you can name new characters", None, report.totals["unknown"])


def _duplicates(w: HealthWarning, report: HealthReport) -> Optional[str]:
    return translate("HealthText", "%n group(s) of near-duplicate images: review them on the Duplicates page "
                     "(training already keeps each group on one side of the validation split)", None,
                     report.duplicate_groups or 0)


def _character(report: HealthReport, name: str):
    return next(c for c in report.characters if c.name == name)


KINDS: Dict[str, Callable[[HealthWarning, HealthReport], Optional[str]]] = {
    "too_few_characters": lambda w, r: translate(
        "HealthText", "label images of at least two characters so a model can be trained"),
    "empty": lambda w, r: translate("HealthText", "{name} has no labelled images; label some or delete it").format(
        name=w.characters[0]),
    "few_images": _few_images,
    "confused": _confused,
    "low_accuracy": _low_accuracy,
    "imbalance": _imbalance,
    "no_model": lambda w, r: translate("HealthText", "no model trained yet: train one to see accuracy and "
                                       "confusions per character"),
    "stale_model": _stale_model,
    "skipped": _skipped,
    "unknown": _unknown,
    "duplicates": _duplicates,
}


def finding(w: HealthWarning, report: HealthReport) -> str:
    """One health finding in the user's language (the core's sentence when it cannot be composed)."""
    compose = KINDS.get(w.kind)
    if compose is None:
        return w.message
    try:
        return compose(w, report) or w.message
    except (StopIteration, IndexError, TypeError, ValueError, ZeroDivisionError):
        return w.message


def queue_reason(item: QueueItem) -> str:
    """Why a picture is in the "label next" queue."""
    if item.margin is None:
        return translate("HealthText", "typical of look-alike group {group}").format(group=item.group)
    margin = f"{item.margin:.0%}"
    if len(item.top) >= 2:
        return translate("HealthText", "model torn between {a} and {b} (margin {margin})").format(
            a=item.top[0][0], b=item.top[1][0], margin=margin)
    return translate("HealthText", "model unsure (margin {margin})").format(margin=margin)
