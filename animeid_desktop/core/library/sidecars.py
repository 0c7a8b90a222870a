"""Tags other tools keep beside images: XMP sidecars and caption ``.txt`` files.

Sidecars are named ``photo.jpg.xmp`` (darktable, digiKam) or ``photo.xmp`` (Lightroom, exiftool).
Hierarchical tags come from ``lr:hierarchicalSubject`` (``A|B|C``) and ``digiKam:TagsList``
(``A/B/C``), flat keywords from ``dc:subject``. A tag under ``AnimeID|Characters|`` names a character
outright; any other keyword (the leaf of a hierarchy, a flat keyword, a part of a caption between
commas) counts only when it names a character the library already knows.

Parsing uses the standard library's expat (2.4.1+ refuses entity expansion attacks and never loads
external entities); sidecars larger than :data:`MAX_SIDE_BYTES` are not read.
"""

from __future__ import annotations

import os
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Tuple

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "lr": "http://ns.adobe.com/lightroom/1.0/",
    "digiKam": "http://www.digikam.org/ns/1.0/",
}
ROOT_TAG = "AnimeID"
CHARACTERS_TAG = f"{ROOT_TAG}|Characters|"
ATTRIBUTES_TAG = f"{ROOT_TAG}|Attributes|"
# Sidecar naming styles: next to the full name, or in place of the extension.
SIDECAR_STYLES = ("image.jpg.xmp", "image.xmp")
MAX_SIDE_BYTES = 4 * 1024 * 1024

# (property element, container element, separator of its hierarchy levels or None when flat)
TAG_PROPERTIES = (
    (f"{{{NS['lr']}}}hierarchicalSubject", f"{{{NS['rdf']}}}Bag", "|"),
    (f"{{{NS['digiKam']}}}TagsList", f"{{{NS['rdf']}}}Seq", "/"),
    (f"{{{NS['dc']}}}subject", f"{{{NS['rdf']}}}Bag", None),
)
RDF_LI = f"{{{NS['rdf']}}}li"


class SidecarError(ValueError):
    """A sidecar that exists but is not a readable XMP document (the message says why)."""


@dataclass
class SidecarTags:
    """Tags found beside one image: ``characters`` named as such, any other ``keywords``, and their files."""

    characters: List[str] = field(default_factory=list)
    keywords: List[str] = field(default_factory=list)
    files: List[str] = field(default_factory=list)


def name_key(name: str) -> str:
    """How names are compared with keywords: NFC, case-folded, ``_`` as a space, trimmed."""
    return " ".join(unicodedata.normalize("NFC", name).replace("_", " ").casefold().split())


def sidecar_path(image_path: str, style: str) -> str:
    """The sidecar of ``image_path`` in one of :data:`SIDECAR_STYLES`."""
    if style not in SIDECAR_STYLES:
        raise ValueError(f"unknown sidecar style {style!r}; use one of {', '.join(SIDECAR_STYLES)}")
    return image_path + ".xmp" if style == SIDECAR_STYLES[0] else os.path.splitext(image_path)[0] + ".xmp"


def parse_xmp(data: bytes) -> ET.Element:
    """The ``x:xmpmeta`` (or bare ``rdf:RDF``) root of an XMP document; :class:`SidecarError` if it is not one."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise SidecarError(f"not well-formed XML ({exc})") from exc
    if root.tag not in (f"{{{NS['x']}}}xmpmeta", f"{{{NS['rdf']}}}RDF"):
        raise SidecarError(f"not an XMP document (its root element is {root.tag!r}, not x:xmpmeta)")
    return root


def tag_values(root: ET.Element) -> Dict[str, List[str]]:
    """The entries of each tag property (keyed by its element name), hierarchies with ``|`` separators."""
    found: Dict[str, List[str]] = {}
    for prop, _container, sep in TAG_PROPERTIES:
        values = found.setdefault(prop, [])
        for element in root.iter(prop):
            for li in element.iter(RDF_LI):
                text = (li.text or "").strip()
                if text:
                    values.append(text.replace("/", "|") if sep == "/" else text)
    return found


def _read_limited(path: str) -> bytes:
    if os.path.getsize(path) > MAX_SIDE_BYTES:
        raise SidecarError(f"larger than {MAX_SIDE_BYTES // (1024 * 1024)} MiB, so it was not read")
    with open(path, "rb") as fh:
        return fh.read()


def _add_xmp(tags: SidecarTags, root: ET.Element) -> None:
    values = tag_values(root)
    lightroom, digikam = TAG_PROPERTIES[0][0], TAG_PROPERTIES[1][0]
    if values[lightroom]:  # digiKam's list mirrors it, with "/" that may also be part of a name
        values[digikam] = []
    for prop, _container, sep in TAG_PROPERTIES:
        for text in values[prop]:
            if sep is not None and text.startswith(CHARACTERS_TAG):
                tags.characters.append(text[len(CHARACTERS_TAG):].strip())
            elif sep is not None and text.startswith(ROOT_TAG + "|"):
                continue  # attributes and other AnimeID entries are not character names
            else:
                tags.keywords.append(text.rsplit("|", 1)[-1].strip() if sep is not None else text)


def _caption_parts(data: bytes) -> List[str]:
    text = data.decode("utf-8-sig", errors="replace")
    return [part.strip() for line in text.splitlines() for part in line.split(",") if part.strip()]


def read_side_files(image_path: str) -> Tuple[Optional[SidecarTags], List[Tuple[str, str]]]:
    """Tags from the XMP sidecars and the caption file beside ``image_path`` (None when there are none),
    and ``(file, reason)`` for each of them that could not be read."""
    stem = os.path.splitext(image_path)[0]
    tags = SidecarTags()
    problems: List[Tuple[str, str]] = []
    for side in dict.fromkeys((image_path + ".xmp", stem + ".xmp", stem + ".txt")):
        if not os.path.isfile(side):
            continue
        try:
            data = _read_limited(side)
            if side.endswith(".xmp"):
                _add_xmp(tags, parse_xmp(data))
            else:
                tags.keywords.extend(_caption_parts(data))
        except Exception as exc:  # noqa: BLE001 - whatever a side file holds, the image is still imported
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            problems.append((side, f"tags not read: {reason}; fix or remove this file and import again"))
            continue
        tags.files.append(side)
    return (tags if tags.files else None), problems


def characters_named(tags: SidecarTags, known: Iterable[str]) -> List[str]:
    """The characters ``tags`` name, in order: every ``AnimeID|Characters|`` entry, then each keyword
    that matches one of the ``known`` character names (see :func:`name_key`)."""
    by_key = {name_key(name): name for name in known}
    names = [unicodedata.normalize("NFC", name) for name in tags.characters if name]
    names += [by_key[name_key(k)] for k in tags.keywords if name_key(k) in by_key]
    return list(dict.fromkeys(names))
