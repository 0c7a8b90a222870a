"""The core's English phrases the GUI shows, in the user's language (the core never imports Qt).

:func:`translated` maps the fixed phrases the core passes to ``on_progress`` (and the training
stages), the templated ones (``epoch 3/12``, ``12 cached, 30 to compute``, ``EfficientNet-Lite0:
loading`` …) and the undo steps' descriptions (``label 3 image(s) as Alice``) through Qt's
translation, context ``CoreText``. Text it does not know, such as a file name the importer reports,
passes through unchanged.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "CoreText"

FIXED = [
    QT_TRANSLATE_NOOP("CoreText", "scanning folders"),
    QT_TRANSLATE_NOOP("CoreText", "drawing synthetic characters"),
    QT_TRANSLATE_NOOP("CoreText", "hashing"),
    QT_TRANSLATE_NOOP("CoreText", "checking files"),
    QT_TRANSLATE_NOOP("CoreText", "listing files"),
    QT_TRANSLATE_NOOP("CoreText", "computing features"),
    QT_TRANSLATE_NOOP("CoreText", "computing general features"),
    QT_TRANSLATE_NOOP("CoreText", "comparing images"),
    QT_TRANSLATE_NOOP("CoreText", "faces"),
    QT_TRANSLATE_NOOP("CoreText", "perceptual hashes"),
    QT_TRANSLATE_NOOP("CoreText", "grouping similar images"),
    QT_TRANSLATE_NOOP("CoreText", "finding neighbours"),
    QT_TRANSLATE_NOOP("CoreText", "attribute heads trained"),
    QT_TRANSLATE_NOOP("CoreText", "exporting the network"),
    QT_TRANSLATE_NOOP("CoreText", "checking against PyTorch on the validation images"),
    QT_TRANSLATE_NOOP("CoreText", "done"),
    QT_TRANSLATE_NOOP("CoreText", "recognising"),
    QT_TRANSLATE_NOOP("CoreText", "looking at faces"),
    QT_TRANSLATE_NOOP("CoreText", "decoding images"),
    QT_TRANSLATE_NOOP("CoreText", "cross-validating views"),
    QT_TRANSLATE_NOOP("CoreText", "preparing"),
    QT_TRANSLATE_NOOP("CoreText", "saving"),
    QT_TRANSLATE_NOOP("CoreText", "training head"),
    QT_TRANSLATE_NOOP("CoreText", "initialising the classifier"),
    QT_TRANSLATE_NOOP("CoreText", "decoding validation images"),
    QT_TRANSLATE_NOOP("CoreText", "fine-tuning"),
    QT_TRANSLATE_NOOP("CoreText", "calibrating 'unknown'"),
    QT_TRANSLATE_NOOP("CoreText", "finding near-duplicates"),
    QT_TRANSLATE_NOOP("CoreText", "final fit"),
    QT_TRANSLATE_NOOP("CoreText", "starting"),
    QT_TRANSLATE_NOOP("CoreText", "loading"),
    QT_TRANSLATE_NOOP("CoreText", "batch 1"),
    QT_TRANSLATE_NOOP("CoreText", "batch N"),
]

# (pattern, template): the template's {fields} are the pattern's named groups; a group named
# ``message`` is itself translated, and the whole pattern applies only when that changed something
TEMPLATES: List[Tuple[re.Pattern, str]] = [
    (re.compile(r"epoch (?P<epoch>\d+)/(?P<epochs>\d+)"), QT_TRANSLATE_NOOP("CoreText", "epoch {epoch}/{epochs}")),
    (re.compile(r"(?P<cached>\d+) cached, (?P<todo>\d+) to compute"),
     QT_TRANSLATE_NOOP("CoreText", "{cached} cached, {todo} to compute")),
    (re.compile(r"(?P<cached>\d+) cached, (?P<todo>\d+) to detect"),
     QT_TRANSLATE_NOOP("CoreText", "{cached} cached, {todo} to detect")),
    (re.compile(r"(?P<cached>\d+) cached, (?P<todo>\d+) to hash"),
     QT_TRANSLATE_NOOP("CoreText", "{cached} cached, {todo} to hash")),
    (re.compile(r"downloading (?P<file>.+)"), QT_TRANSLATE_NOOP("CoreText", "downloading {file}")),
    (re.compile(r"attribute (?P<key>.+)"), QT_TRANSLATE_NOOP("CoreText", "attribute {key}")),
    (re.compile(r"cross-validating views: (?P<views>.+)"),
     QT_TRANSLATE_NOOP("CoreText", "cross-validating views: {views}")),
    (re.compile(r"choosing views \((?P<folds>\d+)-fold cross-validation\)"),
     QT_TRANSLATE_NOOP("CoreText", "choosing views ({folds}-fold cross-validation)")),
    (re.compile(r"final fit (?P<k>\d+) of (?P<n>\d+)"), QT_TRANSLATE_NOOP("CoreText", "final fit {k} of {n}")),
    (re.compile(r"(?P<message>final fit(?: \d+ of \d+)?) on all (?P<count>\d+) images"),
     QT_TRANSLATE_NOOP("CoreText", "{message} on all {count} images")),
    (re.compile(r"label (?P<count>\d+) image\(s\) as (?P<character>.+)"),
     QT_TRANSLATE_NOOP("CoreText", "label {count} image(s) as {character}")),
    (re.compile(r"unlabel (?P<count>\d+) image\(s\)"), QT_TRANSLATE_NOOP("CoreText", "unlabel {count} image(s)")),
    (re.compile(r"set (?P<names>.+) on (?P<count>\d+) image\(s\)"),
     QT_TRANSLATE_NOOP("CoreText", "set {names} on {count} image(s)")),
    (re.compile(r"add (?P<character>.+) to (?P<count>\d+) image\(s\)"),
     QT_TRANSLATE_NOOP("CoreText", "add {character} to {count} image(s)")),
    (re.compile(r"remove (?P<character>.+) from (?P<count>\d+) image\(s\)"),
     QT_TRANSLATE_NOOP("CoreText", "remove {character} from {count} image(s)")),
    (re.compile(r"remove the box of (?P<character>.+) on 1 image"),
     QT_TRANSLATE_NOOP("CoreText", "remove the box of {character} on 1 image")),
    (re.compile(r"box the faces of (?P<count>\d+) image\(s\)"),
     QT_TRANSLATE_NOOP("CoreText", "box the faces of {count} image(s)")),
    (re.compile(r"add (?P<character>.+) with a box on 1 image"),
     QT_TRANSLATE_NOOP("CoreText", "add {character} with a box on 1 image")),
    (re.compile(r"box (?P<character>.+) on 1 image"), QT_TRANSLATE_NOOP("CoreText", "box {character} on 1 image")),
    (re.compile(r"confirm (?P<count>\d+) image\(s\)"), QT_TRANSLATE_NOOP("CoreText", "confirm {count} image(s)")),
    (re.compile(r"confirm (?P<count>\d+) predicted attribute value\(s\)"),
     QT_TRANSLATE_NOOP("CoreText", "confirm {count} predicted attribute value(s)")),
    (re.compile(r"\[(?P<k>\d+)/(?P<n>\d+)\] (?P<message>.+)"), QT_TRANSLATE_NOOP("CoreText", "[{k}/{n}] {message}")),
    (re.compile(r"(?P<name>[^:]+): (?P<message>.+)"), QT_TRANSLATE_NOOP("CoreText", "{name}: {message}")),
]


def translated(text: str) -> str:
    """``text`` in the user's language when it is a known core phrase, else unchanged."""
    translated = translation_of(text) if text else None
    return text if translated is None else translated


def translation_of(text: str) -> Optional[str]:
    """The translation of a known phrase, None for text this module does not know."""
    if text in FIXED:
        return QCoreApplication.translate(CONTEXT, text)
    for pattern, template in TEMPLATES:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        fields: Dict[str, Optional[str]] = match.groupdict()
        if "message" in fields:
            fields["message"] = translation_of(fields["message"] or "")
            if fields["message"] is None:
                continue
        return QCoreApplication.translate(CONTEXT, template).format(**fields)
    return None
