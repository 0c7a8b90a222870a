"""The core's English reasons that the gallery shows (a preview that cannot be decoded, face detection
that cannot run), in the user's language.

The core stays Qt-free and writes English; this maps its known sentences, keeping their variable
parts (an OS error, a path, a number) as the core wrote them. Unknown text passes through unchanged.
"""

from __future__ import annotations

import re
from typing import List, Tuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "GalleryCoreText"

# the core's sentences with their variable parts as {0}, {1} …
SOURCES = (
    QT_TRANSLATE_NOOP("GalleryCoreText", "image has zero width or height"),
    QT_TRANSLATE_NOOP("GalleryCoreText", "image is {0}x{1} pixels, over the {2}-pixel safety limit"),
    QT_TRANSLATE_NOOP("GalleryCoreText", "image is {0}x{1} pixels, a side over the {2}-pixel safety limit"),
    QT_TRANSLATE_NOOP("GalleryCoreText", "cannot read file ({0})"),
    QT_TRANSLATE_NOOP("GalleryCoreText", "refused as a decompression bomb ({0})"),
    QT_TRANSLATE_NOOP("GalleryCoreText", "not an image Pillow can read"),
    QT_TRANSLATE_NOOP("GalleryCoreText", "not enough memory to decode this image"),
    QT_TRANSLATE_NOOP("GalleryCoreText", "truncated or incomplete image data ({0})"),
    QT_TRANSLATE_NOOP("GalleryCoreText", "corrupt image data ({0})"),
    QT_TRANSLATE_NOOP("GalleryCoreText",
                      "decoding took longer than the {0} s limit (damaged or deliberately slow file)"),
    QT_TRANSLATE_NOOP("GalleryCoreText", "empty file (0 bytes)"),
    QT_TRANSLATE_NOOP("GalleryCoreText", "not an image (content is none of {0})"),
    QT_TRANSLATE_NOOP("GalleryCoreText",
                      "face detection needs OpenCV (module cv2), which is not installed: install it with: {0}"),
    QT_TRANSLATE_NOOP("GalleryCoreText",
                      "OpenCV {0} has no cascade detector (OpenCV 5 removed it): install it with: {1}"),
    QT_TRANSLATE_NOOP("GalleryCoreText",
                      "cannot read the face model {0} ({1}): reinstall AnimeID, the file ships with it"),
    QT_TRANSLATE_NOOP("GalleryCoreText",
                      "the face model {0} is not an OpenCV cascade file (damaged?): reinstall AnimeID to restore it"),
)


def _pattern(source: str) -> re.Pattern:
    """``source`` as a regular expression whose groups are its {0}, {1} …"""
    return re.compile(re.sub(r"\\\{\d\\\}", "(.*)", re.escape(source)), re.DOTALL)


_PATTERNS: List[Tuple[re.Pattern, str]] = [(_pattern(source), source) for source in SOURCES]


def translate_core_text(text: str) -> str:
    """``text`` in the user's language when it is one of the core's known sentences, else unchanged."""
    for pattern, source in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return QCoreApplication.translate(CONTEXT, source).format(*match.groups())
    return text
