"""Exchange with the reference system: seed files (labels + attributes) and a labelled folder tree.

A *seed* is a folder with two UTF-8 JSON files:

``role_index_mapping.json``
    ``{"format": "animeid-seed", "version": 1, "roles": [name, ...], "index_to_role": {"0": name},
    "role_to_index": {name: 0}, "image_counts": {name: n}}``: class index <-> character for every
    character with at least one labelled image whose file is present (status ok), sorted by name
    (Unicode code points; stable across runs and machines).
``character_attributes.json``
    ``{"format": ..., "version": 1, "characters": {name: {"series", "colour", "attributes":
    {key: {"type", "choices"}}}}, "images": [{"path", "sha256", "character", "source",
    "labelled_at", "attributes": {key: value}, "other_attributes": {character: {key: value}}}]}``
    with every character (also those without images) and every image of the library (a group shot
    once, under its first character by name; its other characters' values in ``other_attributes``).
``image_characters.json`` (only when some image has several characters or a box)
    every character and box of those images: see :mod:`~animeid_desktop.core.exchange.seed_groups`.

:func:`import_seed` also accepts the reference system's plainer shapes: ``role_index_mapping.json``
as a list of names or a ``{"0": name}`` / ``{name: 0}`` dict, image paths relative to the seed folder.
"""

from __future__ import annotations

import json
import os
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.exchange import seed_groups
from animeid_desktop.core.library.folder import Library, utcnow
from animeid_desktop.core.library.importer import ImportReport, import_paths
from animeid_desktop.core.library.label_state import LABEL_SOURCES
from animeid_desktop.core.library.labels import (
    add_character,
    define_attribute,
    labelled_counts,
    normalise_value,
)
from animeid_desktop.core.media.files import atomic_write
from animeid_desktop.core.progress import ProgressFn, StopFn, check_stop

MAPPING_FILE = "role_index_mapping.json"
ATTRIBUTES_FILE = "character_attributes.json"
SEED_FORMAT = "animeid-seed"
SEED_VERSION = 1
_EXT_FOR_FORMAT = {"jpeg": ".jpg", "png": ".png", "bmp": ".bmp", "webp": ".webp", "gif": ".gif", "tiff": ".tif",
                   "avif": ".avif", "heif": ".heic", "jxl": ".jxl"}
_FORMAT_EXTS = {"jpeg": {".jpg", ".jpeg", ".jpe", ".jfif"}, "tiff": {".tif", ".tiff"}, "bmp": {".bmp", ".dib"},
                "heif": {".heic", ".heif"}}


@dataclass
class SeedImportReport:
    """What :func:`import_seed` did: the file import plus labels and attribute values applied."""

    files: ImportReport
    characters: int = 0
    labels: int = 0
    attribute_values: int = 0
    missing: List[Tuple[str, str]] = field(default_factory=list)  # (path, reason) of images not found
    conflicts: List[Tuple[str, str]] = field(default_factory=list)
    boxes: int = 0


# ------------------------------------------------------------------ export
def role_index(lib: Library) -> List[Tuple[str, int]]:
    """Characters with at least one labelled ok image, as (name, count) in seed (index) order."""
    return list(labelled_counts(lib).items())


def _write_json(path: Path, obj) -> None:
    atomic_write(path, json.dumps(obj, ensure_ascii=False, indent=1).encode("utf-8"))


def _prepare_dir(folder: str | os.PathLike) -> Path:
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise UserError(f"{out} is a file; give a folder to write into")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create folder {out}: {exc.strerror or exc}") from exc
    return out


def seed_documents(lib: Library) -> Tuple[dict, dict]:
    """The two seed documents (mapping, attributes) describing ``lib``."""
    roles = role_index(lib)
    mapping = {
        "format": SEED_FORMAT,
        "version": SEED_VERSION,
        "roles": [name for name, _ in roles],
        "index_to_role": {str(i): name for i, (name, _) in enumerate(roles)},
        "role_to_index": {name: i for i, (name, _) in enumerate(roles)},
        "image_counts": dict(roles),
    }
    characters: Dict[str, dict] = {}
    char_names: Dict[int, str] = {}
    for c in lib.query("SELECT id, name, series, colour FROM characters ORDER BY name"):
        char_names[c["id"]] = c["name"]
        characters[c["name"]] = {"series": c["series"], "colour": c["colour"], "attributes": {}}
    attr_owner: Dict[int, Tuple[str, str]] = {}
    for d in lib.query("SELECT id, character_id, key, type, choices FROM attribute_defs ORDER BY key"):
        owner = char_names[d["character_id"]]
        attr_owner[d["id"]] = (owner, d["key"])
        characters[owner]["attributes"][d["key"]] = {
            "type": d["type"],
            "choices": json.loads(d["choices"]) if d["choices"] else None,
        }
    values: Dict[int, List[Tuple[int, str]]] = {}
    for v in lib.query("SELECT image_id, attr_id, value FROM attribute_values ORDER BY image_id"):
        values.setdefault(v["image_id"], []).append((v["attr_id"], v["value"]))
    images = []
    for r in lib.query(
        "SELECT i.id, i.path, i.sha256, c.name AS character, l.source, l.labelled_at FROM images i "
        "LEFT JOIN labels l ON l.image_id = i.id LEFT JOIN characters c ON c.id = l.character_id "
        "ORDER BY i.id, c.name COLLATE NOCASE"
    ):
        if images and images[-1]["sha256"] == r["sha256"]:
            continue  # a group shot: its other characters are in the side file
        entry = {"path": r["path"], "sha256": r["sha256"], "character": r["character"]}
        if r["character"] is not None:
            entry.update(source=r["source"], labelled_at=r["labelled_at"])
        own: Dict[str, str] = {}
        other: Dict[str, Dict[str, str]] = {}
        for attr_id, value in values.get(r["id"], []):
            owner, key = attr_owner[attr_id]
            (own if owner == r["character"] else other.setdefault(owner, {}))[key] = value
        entry["attributes"] = own
        if other:
            entry["other_attributes"] = other
        images.append(entry)
    attributes = {"format": SEED_FORMAT, "version": SEED_VERSION, "characters": characters, "images": images}
    return mapping, attributes


def export_seed(lib: Library, folder: str | os.PathLike) -> dict:
    """Write ``role_index_mapping.json`` and ``character_attributes.json`` into ``folder``."""
    out = _prepare_dir(folder)
    mapping, attributes = seed_documents(lib)
    _write_json(out / MAPPING_FILE, mapping)
    _write_json(out / ATTRIBUTES_FILE, attributes)
    seed_groups.write_or_remove(out, seed_groups.groups_document(lib), _write_json)
    labelled = sum(1 for i in attributes["images"] if i["character"])
    return {
        "folder": str(out),
        "roles": len(mapping["roles"]),
        "characters": len(attributes["characters"]),
        "images": len(attributes["images"]),
        "labelled": labelled,
    }


WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in [*"123456789", "\u00b9", "\u00b2", "\u00b3"]}
)
MAX_NAME_BYTES = 200  # below the 255-byte (UTF-8) / 255-unit (UTF-16) limit of ext4, APFS and NTFS, with room


def safe_folder_name(name: str) -> str:
    """A file or folder name for ``name`` valid on Windows, macOS and Linux.

    Reserved characters become ``_``, trailing dots and spaces go (Windows drops them), a Windows device
    name (``CON``, ``nul.txt``, ``COM1``...) gets a ``_`` prefix, and the name is cut to
    :data:`MAX_NAME_BYTES` of UTF-8 at a character boundary.
    """
    cleaned = "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in name).strip().rstrip(". ")
    cleaned = cleaned.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore").rstrip(". ")
    if not cleaned:
        return "_"
    if cleaned.split(".")[0].rstrip(" ").upper() in WINDOWS_RESERVED:
        cleaned = "_" + cleaned
    return cleaned


def name_key(name: str) -> str:
    """Names that one file system may treat as the same file (Windows, macOS: case and Unicode form)."""
    return unicodedata.normalize("NFC", name).casefold()


def _export_name(path: str, fmt: str, sha: str, taken: set) -> str:
    stem, ext = os.path.splitext(os.path.basename(path))
    stem = safe_folder_name(stem)  # a name fine on Linux (``CON``, ``a:b``) may be invalid on Windows
    if ext.lower() not in _FORMAT_EXTS.get(fmt, {_EXT_FOR_FORMAT[fmt]}):
        ext = _EXT_FOR_FORMAT[fmt]  # the reference system trusts extensions: name files by content
    name = f"{stem}{ext}"
    if name_key(name) in taken:
        name = f"{stem}_{sha[:8]}{ext}"
    taken.add(name_key(name))
    return name


def export_folders(
    lib: Library,
    folder: str | os.PathLike,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> dict:
    """Copy every labelled ok image to ``folder/<character>/<file>`` (re-importable as labels).

    Files already there with the same name and size are left alone, so a repeated export only copies
    what is new. Returns counts and the images that could not be copied.
    """
    out = _prepare_dir(folder)
    rows = lib.query(
        "SELECT i.path, i.sha256, i.format, i.byte_size, c.name AS character FROM labels l "
        "JOIN images i ON i.id = l.image_id JOIN characters c ON c.id = l.character_id "
        "WHERE i.status = 'ok' ORDER BY c.name, i.path"
    )
    copied = unchanged = 0
    failed: List[Tuple[str, str]] = []
    taken: Dict[str, set] = {}
    for n, row in enumerate(rows):
        check_stop(should_stop)
        sub = safe_folder_name(row["character"])
        target_dir = out / sub
        name = _export_name(row["path"], row["format"], row["sha256"], taken.setdefault(sub, set()))
        target = target_dir / name
        try:
            target_dir.mkdir(exist_ok=True)
            if target.is_file() and target.stat().st_size == row["byte_size"]:
                unchanged += 1
            else:
                shutil.copyfile(row["path"], target)
                copied += 1
        except OSError as exc:
            failed.append((row["path"], exc.strerror or str(exc)))
        if on_progress:
            on_progress(n + 1, len(rows), row["character"])
    return {"folder": str(out), "copied": copied, "unchanged": unchanged, "failed": failed,
            "characters": len(taken)}


# ------------------------------------------------------------------ import
def _read_json(path: Path):
    if not path.is_file():
        raise UserError(f"{path} is missing; a seed folder needs {MAPPING_FILE} and {ATTRIBUTES_FILE}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"{path} is not readable JSON ({exc})") from exc


def roles_from_mapping(doc) -> List[str]:
    """Character names in index order from any accepted ``role_index_mapping.json`` shape."""
    if isinstance(doc, dict) and isinstance(doc.get("roles"), list):
        doc = doc["roles"]
    elif isinstance(doc, dict) and isinstance(doc.get("index_to_role"), dict):
        doc = doc["index_to_role"]
    if isinstance(doc, list):  # one entry per index (the reference repeats a name per indexed image)
        return list(dict.fromkeys(str(x) for x in doc))
    if isinstance(doc, dict) and doc:
        if all(isinstance(v, int) for v in doc.values()):
            return [k for k, _ in sorted(doc.items(), key=lambda kv: kv[1])]
        if all(str(k).lstrip("-").isdigit() for k in doc):
            return [str(v) for _, v in sorted(doc.items(), key=lambda kv: int(kv[0]))]
    raise UserError(f"{MAPPING_FILE}: expected a list of names or an index <-> name mapping")


def _resolve(seed_dir: Path, path: str) -> str:
    p = Path(path)
    return str(p if p.is_absolute() else (seed_dir / p))


def import_seed(
    lib: Library,
    folder: str | os.PathLike,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> SeedImportReport:
    """Rebuild characters, attribute definitions, images, labels and values from a seed folder.

    Image files are imported with the normal importer (content checks, dedupe); labels never
    replace an existing different label (reported as conflicts), like a re-import.
    """
    seed_dir = Path(folder)
    if not seed_dir.is_dir():
        raise UserError(f"{seed_dir}: no such seed folder")
    roles = roles_from_mapping(_read_json(seed_dir / MAPPING_FILE))
    doc = _read_json(seed_dir / ATTRIBUTES_FILE)
    if not isinstance(doc, dict):
        raise UserError(f"{seed_dir / ATTRIBUTES_FILE}: expected a JSON object")
    chars = doc.get("characters") if isinstance(doc.get("characters"), dict) else {}
    entries: List[dict] = [e for e in doc.get("images") or [] if isinstance(e, dict) and e.get("path")]
    with lib.write():
        for name in dict.fromkeys([*roles, *chars]):
            info = chars.get(name) if isinstance(chars.get(name), dict) else {}
            add_character(lib, name, info.get("series"), info.get("colour"))
            specs = info.get("attributes") if isinstance(info.get("attributes"), dict) else {}
            for key, spec in specs.items():
                spec = spec if isinstance(spec, dict) else {"type": str(spec)}
                define_attribute(lib, name, key, spec.get("type", "text"), spec.get("choices"))
    paths = [_resolve(seed_dir, e["path"]) for e in entries]
    present = [p for p in paths if os.path.isfile(p)]
    files = import_paths(lib, present, on_progress=on_progress, should_stop=should_stop) if present else ImportReport()
    report = SeedImportReport(files)
    report.characters = len(dict.fromkeys([*roles, *chars]))
    report.missing = [(p, "file not found") for p in paths if not os.path.isfile(p)]
    if report.files.cancelled:
        return report
    check_stop(should_stop)
    _apply_seed_labels(lib, entries, paths, report)
    if (seed_dir / seed_groups.GROUPS_FILE).is_file():
        applied = seed_groups.apply_groups_document(
            lib, _read_json(seed_dir / seed_groups.GROUPS_FILE),
            resolve=lambda p: _resolve(seed_dir, p), conflicts=report.conflicts)
        report.labels += applied.labels
        report.boxes += applied.boxes
    return report


def _apply_seed_labels(lib: Library, entries: List[dict], paths: List[str], report: SeedImportReport) -> None:
    char_ids = {r["name"]: r["id"] for r in lib.query("SELECT id, name FROM characters")}
    defs = {}
    for d in lib.query("SELECT id, character_id, key, type, choices FROM attribute_defs"):
        d["choices"] = json.loads(d["choices"]) if d["choices"] else None
        defs[(d["character_id"], d["key"])] = d
    now = utcnow()
    with lib.write() as conn:
        for entry, path in zip(entries, paths):
            row = conn.execute("SELECT id FROM images WHERE sha256 = ?", (entry.get("sha256") or "",)).fetchone()
            row = row or conn.execute("SELECT id FROM images WHERE path = ?", (os.path.abspath(path),)).fetchone()
            if row is None:
                continue
            image_id, name = row[0], entry.get("character")
            if name:
                cid = char_ids.get(name) or add_character(lib, name)
                char_ids[name] = cid
                source = entry.get("source") if entry.get("source") in LABEL_SOURCES else "imported"
                current = [c for (c,) in conn.execute("SELECT character_id FROM labels WHERE image_id = ?",
                                                      (image_id,))]
                if not current:
                    conn.execute(
                        "INSERT INTO labels(image_id, character_id, source, labelled_at) VALUES (?, ?, ?, ?)",
                        (image_id, cid, source, entry.get("labelled_at") or now),
                    )
                    report.labels += 1
                elif cid not in current:
                    report.conflicts.append((path, f"already labelled differently; kept (seed says {name!r})"))
            groups = {name: entry.get("attributes") or {}} if name else {}
            groups.update(entry.get("other_attributes") or {})
            for owner, values in groups.items():
                for key, value in (values if isinstance(values, dict) else {}).items():
                    defn = defs.get((char_ids.get(owner), key))
                    if defn is None:
                        continue
                    try:
                        text = normalise_value(defn, _value_text(value))
                    except UserError as exc:
                        report.conflicts.append((path, str(exc)))
                        continue
                    conn.execute(
                        "INSERT INTO attribute_values(image_id, attr_id, value) VALUES (?, ?, ?) "
                        "ON CONFLICT(image_id, attr_id) DO UPDATE SET value = excluded.value",
                        (image_id, defn["id"], text),
                    )
                    report.attribute_values += 1


def _value_text(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)
