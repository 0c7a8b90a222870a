"""The core's English reasons why an image cannot be used (it cannot be decoded, face detection cannot
run), in the user's language: the gallery's preview and face boxes and the training log show them.

The core stays Qt-free and writes English; this maps its known sentences, keeping their variable
parts (an OS error, a path, a number) as the core wrote them unless a part is itself a known reason.
Unknown text passes through unchanged.
"""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "ImageReasons"

# the core's sentences with their variable parts as {0}, {1} … (a part that is itself a known reason is
# translated too)
SOURCES = (
    QT_TRANSLATE_NOOP("ImageReasons", "image has zero width or height"),
    QT_TRANSLATE_NOOP("ImageReasons", "image is {0}x{1} pixels, over the {2}-pixel safety limit"),
    QT_TRANSLATE_NOOP("ImageReasons", "image is {0}x{1} pixels, a side over the {2}-pixel safety limit"),
    QT_TRANSLATE_NOOP("ImageReasons", "cannot read file ({0})"),
    QT_TRANSLATE_NOOP("ImageReasons", "refused as a decompression bomb ({0})"),
    QT_TRANSLATE_NOOP("ImageReasons", "not an image Pillow can read"),
    QT_TRANSLATE_NOOP("ImageReasons", "unreadable"),
    # Pillow's own words, inside the reasons above
    QT_TRANSLATE_NOOP("ImageReasons", "image file is truncated"),
    QT_TRANSLATE_NOOP("ImageReasons", "image file is truncated ({0} bytes not processed)"),
    QT_TRANSLATE_NOOP("ImageReasons", "Truncated File Read"),
    QT_TRANSLATE_NOOP("ImageReasons", "broken data stream when reading image file"),
    QT_TRANSLATE_NOOP("ImageReasons", "not enough memory to decode this image"),
    QT_TRANSLATE_NOOP("ImageReasons", "truncated or incomplete image data ({0})"),
    QT_TRANSLATE_NOOP("ImageReasons", "corrupt image data ({0})"),
    QT_TRANSLATE_NOOP("ImageReasons",
                      "decoding took longer than the {0} s limit (damaged or deliberately slow file)"),
    QT_TRANSLATE_NOOP("ImageReasons", "empty file (0 bytes)"),
    QT_TRANSLATE_NOOP("ImageReasons", "not an image (content is none of {0})"),
    QT_TRANSLATE_NOOP("ImageReasons",
                      "face detection needs OpenCV (module cv2), which is not installed: install it with: {0}"),
    QT_TRANSLATE_NOOP("ImageReasons",
                      "OpenCV {0} has no cascade detector (OpenCV 5 removed it): install it with: {1}"),
    QT_TRANSLATE_NOOP("ImageReasons",
                      "cannot read the face model {0} ({1}): reinstall AnimeID, the file ships with it"),
    QT_TRANSLATE_NOOP("ImageReasons",
                      "the face model {0} is not an OpenCV cascade file (damaged?): reinstall AnimeID to restore it"),
)


def _pattern(source: str) -> re.Pattern:
    """``source`` as a regular expression whose groups are its {0}, {1} …"""
    return re.compile(re.sub(r"\\\{\d\\\}", "(.*)", re.escape(source)), re.DOTALL)


_PATTERNS: List[Tuple[re.Pattern, str]] = [(_pattern(source), source) for source in SOURCES]


def translation_of(text: str) -> Optional[str]:
    """``text`` in the user's language when it is one of the core's known reasons, else None."""
    for pattern, source in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            parts = (translate_core_text(part) for part in match.groups())
            return QCoreApplication.translate(CONTEXT, source).format(*parts)
    return None


def translate_core_text(text: str) -> str:
    """``text`` in the user's language when it is one of the core's known reasons, else unchanged."""
    translated = translation_of(text)
    return text if translated is None else translated
