"""XMP sidecars beside the original images, for digiKam, darktable, Lightroom and exiftool.

Each labelled image gets ``AnimeID|Characters|<name>`` and ``AnimeID|Attributes|<key>|<value>``
as hierarchical tags (``lr:hierarchicalSubject`` with ``|``, ``digiKam:TagsList`` with ``/``) and
the leaf names as flat keywords (``dc:subject``). The image file itself is never opened for writing.

An existing sidecar is merged, not replaced: only the entries under ``AnimeID`` (and the flat
keywords they put in ``dc:subject``) are rewritten; every other tag, property and namespace stays.
A sidecar that is not valid XMP is left alone and reported. Images no longer labelled lose their
``AnimeID`` entries from a sidecar that exists; no new sidecar is made for them.
"""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET
from typing import Dict, Iterable, List, Optional, Tuple

from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.labels import attribute_defs, attribute_values, labelled_images
from animeid_desktop.core.library.sidecars import (
    ATTRIBUTES_TAG,
    NS,
    RDF_LI,
    ROOT_TAG,
    SIDECAR_STYLES,
    TAG_PROPERTIES,
    SidecarError,
    parse_xmp,
    sidecar_path,
    tag_values,
)
from animeid_desktop.core.media.files import atomic_write
from animeid_desktop.core.progress import ProgressFn, StopFn, check_stop

XMP_TOOLKIT = "AnimeID Desktop"
_RDF = f"{{{NS['rdf']}}}RDF"
_DESCRIPTION = f"{{{NS['rdf']}}}Description"

for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)


def image_tags(characters: Iterable[str], attributes: Dict[str, str], types: Dict[str, str]) -> List[str]:
    """Hierarchical tags (``|`` separated) for an image's characters and attribute values.

    Yes/no attributes read ``yes`` or ``no``; an empty value gives no tag.
    """
    tags = [f"{ROOT_TAG}|Characters|{name}" for name in characters]
    for key in sorted(attributes):
        value = attributes[key]
        if types.get(key) == "bool":
            value = "yes" if value == "1" else "no"
        if value:
            tags.append(f"{ROOT_TAG}|Attributes|{key}|{value}")
    return tags


def flat_keyword(tag: str) -> Optional[str]:
    """The ``dc:subject`` keyword of a hierarchical tag: a character's name, a yes attribute's key,
    another attribute's value; None for a no."""
    if tag.startswith(ATTRIBUTES_TAG):
        key, _sep, value = tag[len(ATTRIBUTES_TAG):].rpartition("|")
        return {"yes": key, "no": None}.get(value, value)
    return tag.rsplit("|", 1)[-1]


def _new_document() -> ET.Element:
    root = ET.Element(f"{{{NS['x']}}}xmpmeta", {f"{{{NS['x']}}}xmptk": XMP_TOOLKIT})
    rdf = ET.SubElement(root, _RDF)
    ET.SubElement(rdf, _DESCRIPTION, {f"{{{NS['rdf']}}}about": ""})
    return root


def _description(root: ET.Element) -> ET.Element:
    """The first ``rdf:Description`` (made when there is none)."""
    found = root.find(f".//{_DESCRIPTION}")
    if found is not None:
        return found
    rdf = root if root.tag == _RDF else root.find(_RDF)
    if rdf is None:
        rdf = ET.SubElement(root, _RDF)
    return ET.SubElement(rdf, _DESCRIPTION, {f"{{{NS['rdf']}}}about": ""})


def _container(root: ET.Element, prop: str, kind: str) -> ET.Element:
    """The list element of property ``prop`` (made in the first description when absent)."""
    element = next(root.iter(prop), None)
    if element is None:
        element = ET.SubElement(_description(root), prop)
    container = next((c for c in element if c.tag in (f"{{{NS['rdf']}}}Bag", f"{{{NS['rdf']}}}Seq")), None)
    if container is None:
        container = ET.SubElement(element, kind)
    return container


def merge_tags(root: ET.Element, tags: List[str]) -> None:
    """Replace the ``AnimeID`` entries of ``root`` by ``tags``, keeping every other entry."""
    old = [t for t in tag_values(root)[TAG_PROPERTIES[0][0]] if t.startswith(ROOT_TAG + "|")]
    old_leaves = {flat_keyword(t) for t in old}
    flat = [k for k in dict.fromkeys(flat_keyword(t) for t in tags) if k]
    for prop, kind, sep in TAG_PROPERTIES:
        ours = [t.replace("|", sep) for t in tags] if sep else flat
        if not ours and next(root.iter(prop), None) is None:
            continue
        container = _container(root, prop, kind)
        for li in list(container.findall(RDF_LI)):
            text = (li.text or "").strip()
            if (text.startswith(ROOT_TAG + sep) if sep else text in old_leaves):
                container.remove(li)
        kept = {(li.text or "").strip() for li in container.findall(RDF_LI)}
        for text in ours:
            if text not in kept:
                ET.SubElement(container, RDF_LI).text = text


def _register_prefixes(data: bytes) -> None:
    """Keep a sidecar's own namespace prefixes (otherwise they would be written as ns0, ns1...)."""
    for _event, (prefix, uri) in ET.iterparse(io.BytesIO(data), events=("start-ns",)):
        try:
            ET.register_namespace(prefix, uri)
        except ValueError:  # a reserved prefix such as ns0: the writer picks its own
            continue


def sidecar_bytes(existing: Optional[bytes], tags: List[str]) -> Optional[bytes]:
    """The sidecar with ``tags`` merged in; ``existing`` itself when its tags are those already, None
    when there is nothing to write (no tags, no sidecar). Raises :class:`SidecarError` when ``existing``
    is not XMP.
    """
    if existing is None and not tags:
        return None
    if existing is None:
        root = _new_document()
    else:
        root = parse_xmp(existing)
        _register_prefixes(existing)
    before = tag_values(root)
    merge_tags(root, tags)
    if existing is not None and tag_values(root) == before:
        return existing
    ET.indent(root, space=" ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False)


def _write_one(target: str, tags: List[str]) -> str:
    """Write one sidecar; returns ``written``, ``unchanged`` or ``absent`` (nothing to write)."""
    existing = None
    if os.path.exists(target):
        with open(target, "rb") as fh:
            existing = fh.read()
    data = sidecar_bytes(existing, tags)
    if data is None:
        return "absent"
    if data == existing:
        return "unchanged"
    atomic_write(target, data)
    return "written"


def _image_tag_lists(lib: Library) -> List[Tuple[str, List[str]]]:
    """``(path, tags)`` for every ok image (empty tags for unlabelled ones), labelled ones first."""
    characters: Dict[int, List[str]] = {}
    paths: Dict[int, str] = {}
    for row in labelled_images(lib, group_shots=True):
        characters.setdefault(row["id"], []).append(row["character"])
        paths[row["id"]] = row["path"]
    types: Dict[str, Dict[str, str]] = {}
    out = []
    for image_id, names in characters.items():
        merged_types: Dict[str, str] = {}
        for name in names:
            if name not in types:
                types[name] = {d["key"]: d["type"] for d in attribute_defs(lib, name)}
            merged_types.update(types[name])
        out.append((paths[image_id], image_tags(names, attribute_values(lib, image_id), merged_types)))
    labelled = set(paths.values())
    out += [(r["path"], []) for r in lib.query("SELECT path FROM images WHERE status = 'ok'")
            if r["path"] not in labelled]
    return sorted(out, key=lambda item: (not item[1], item[0]))  # labelled first: they own shared sidecar names


def export_xmp(
    lib: Library,
    *,
    style: str = SIDECAR_STYLES[0],
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> dict:
    """Write (or update) an XMP sidecar beside every labelled image; see the module docstring.

    ``style`` is ``image.jpg.xmp`` or ``image.xmp``. Returns counts and ``failed``: ``(file, reason)``.
    """
    items = _image_tag_lists(lib)
    counts = {"written": 0, "unchanged": 0, "absent": 0}
    failed: List[Tuple[str, str]] = []
    owners: Dict[str, str] = {}
    for n, (image_path, tags) in enumerate(items):
        check_stop(should_stop)
        target = sidecar_path(image_path, style)
        other = owners.setdefault(target, image_path)
        if other != image_path:
            if tags:
                failed.append((target, f"also the sidecar of {other}; export with the image.jpg.xmp naming instead"))
            continue
        try:
            counts[_write_one(target, tags)] += 1
        except SidecarError as exc:
            failed.append((target, f"exists but is {exc}; it was left as it is: "
                                   "repair or move it away, then export again"))
        except OSError as exc:
            failed.append((target, f"cannot write ({exc.strerror or exc})"))
        if on_progress:
            on_progress(n + 1, len(items), os.path.basename(target))
    return {"style": style, "sidecars": counts["written"], "unchanged": counts["unchanged"],
            "images": sum(1 for _path, tags in items if tags), "failed": failed}
