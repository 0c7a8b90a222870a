"""Gallery queries: which images to show (filters, sort) and what to show for them (paged rows).

The GUI keeps only the ordered list of image ids returned by :func:`query_ids` (cheap even for
hundreds of thousands of images) and fetches display rows for the visible part with
:func:`fetch_rows`. Predictions come from one training run (normally the active one); an image's
"top" prediction is its lowest-rank row for that run. Qt-free so the CLI or scripts can use it too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Dict, List, Optional, Sequence, Tuple

from animeid_desktop.core.library.folder import Library, execute_in
from animeid_desktop.core.library.label_state import Region, Suggested

STATUSES = ("all", "labelled", "unlabelled", "predicted")
SORTS = ("added", "name", "character", "confidence")


@dataclass(frozen=True)
class GalleryFilter:
    """What the gallery shows.

    ``status``: ``all``, ``labelled``, ``unlabelled`` or ``predicted`` (unlabelled images whose top
    prediction is a character, i.e. predicted but not confirmed). ``character``: the image contains
    that character (or its top prediction is it when the status is ``unlabelled``/``predicted``).
    ``characters``: the image contains every one of them ("X and Y"). ``group_shots``: images
    carrying two or more characters. ``attribute`` is a ``(key, value)`` pair on one of the image's
    own characters. ``search`` matches every word in the file path. ``image_ids`` restricts to an
    explicit set (e.g. one confusion-matrix cell).
    """

    status: str = "all"
    character: Optional[str] = None
    characters: Tuple[str, ...] = ()
    group_shots: bool = False
    attribute: Optional[Tuple[str, str]] = None
    search: str = ""
    image_ids: Optional[Tuple[int, ...]] = None
    sort: str = "added"
    descending: bool = False
    run_id: Optional[str] = None
    min_score: float = 0.0

    def with_(self, **changes) -> GalleryFilter:
        """A copy with some fields changed."""
        return replace(self, **changes)


def _top_prediction_sql() -> str:
    """One row per image predicted by ``:run_id``. ``pred``: what it is suggested as, the confident face
    answers joined with "+" (face order, each once) where a face has one, else the whole picture's top
    answer (``faces.characters_present``); ``pred_score``: the lowest of those faces' scores, else the whole
    picture's; ``pred_unknown``: 0 when a face named somebody, else the whole picture's."""
    # SQLite returns the bare columns of the row holding MIN(rank) / MIN(face) within each group.
    return (
        "SELECT w.image_id, COALESCE(f.names, w.character) AS pred, COALESCE(f.score, w.score) AS pred_score, "
        "CASE WHEN f.names IS NULL THEN w.unknown ELSE 0 END AS pred_unknown FROM "
        "(SELECT image_id, character, score, unknown, MIN(rank) AS r FROM predictions WHERE run_id = :run_id "
        "GROUP BY image_id) w LEFT JOIN "
        "(SELECT image_id, GROUP_CONCAT(character, '+') AS names, MIN(score) AS score FROM "
        "(SELECT image_id, character, MAX(score) AS score, MIN(face) AS face FROM face_predictions "
        "WHERE run_id = :run_id AND unknown = 0 GROUP BY image_id, character ORDER BY image_id, face) "
        "GROUP BY image_id) f ON f.image_id = w.image_id"
    )


# One row per labelled image: its character names joined with "+" (by name) and how many it carries.
_LABEL_SUMMARY = (
    "(SELECT image_id, GROUP_CONCAT(name, '+') AS names, COUNT(*) AS n FROM "
    "(SELECT l.image_id, c.name FROM labels l JOIN characters c ON c.id = l.character_id "
    "ORDER BY l.image_id, c.name COLLATE NOCASE) GROUP BY image_id)"
)
_CONTAINS = ("EXISTS (SELECT 1 FROM labels lc JOIN characters cc ON cc.id = lc.character_id "
             "WHERE lc.image_id = i.id AND cc.name = :{param})")


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _where(f: GalleryFilter, params: dict) -> List[str]:
    if f.status not in STATUSES:
        raise ValueError(f"unknown gallery status {f.status!r}")
    clauses = ["i.status = 'ok'"]
    if f.status == "labelled":
        clauses.append("l.image_id IS NOT NULL")
    elif f.status == "unlabelled":
        clauses.append("l.image_id IS NULL")
    elif f.status == "predicted":
        clauses.append("l.image_id IS NULL AND p.image_id IS NOT NULL AND p.pred_unknown = 0")
        if f.min_score > 0:
            params["min_score"] = f.min_score
            clauses.append("p.pred_score >= :min_score")
    if f.character:
        params["character"] = f.character
        if f.status in ("unlabelled", "predicted"):
            clauses.append("(p.pred = :character OR EXISTS (SELECT 1 FROM face_predictions fc WHERE fc.image_id = i.id "
                           "AND fc.run_id = :run_id AND fc.unknown = 0 AND fc.character = :character))")
        else:
            clauses.append(_CONTAINS.format(param="character"))
    for n, name in enumerate(f.characters):
        params[f"c{n}"] = name
        clauses.append(_CONTAINS.format(param=f"c{n}"))
    if f.group_shots:
        clauses.append("l.n >= 2")
    if f.attribute:
        params["attr_key"], params["attr_value"] = f.attribute
        clauses.append(
            "EXISTS (SELECT 1 FROM attribute_values v JOIN attribute_defs d ON d.id = v.attr_id "
            "JOIN labels la ON la.image_id = v.image_id AND la.character_id = d.character_id "
            "WHERE v.image_id = i.id AND d.key = :attr_key AND v.value = :attr_value)"
        )
    for n, word in enumerate(f.search.split()):
        params[f"w{n}"] = _like(word)
        clauses.append(f"(i.path LIKE :w{n} ESCAPE '\\' OR IFNULL(i.original_name, '') LIKE :w{n} ESCAPE '\\')")
    if f.image_ids is not None:
        ids = ",".join(str(int(i)) for i in f.image_ids) or "NULL"
        clauses.append(f"i.id IN ({ids})")
    return clauses


def _order(f: GalleryFilter) -> str:
    if f.sort not in SORTS:
        raise ValueError(f"unknown gallery sort {f.sort!r}")
    d = "DESC" if f.descending else "ASC"
    if f.sort == "name":
        return f"i.path COLLATE NOCASE {d}, i.id {d}"
    if f.sort == "character":
        return f"(l.names IS NULL) ASC, l.names COLLATE NOCASE {d}, i.id ASC"
    if f.sort == "confidence":
        flip = "ASC" if f.descending else "DESC"  # highest confidence first by default
        return f"(p.pred_score IS NULL) ASC, p.pred_score {flip}, i.id ASC"
    return f"i.id {d}"


def query_ids(lib: Library, f: GalleryFilter) -> List[int]:
    """Ids of the images the filter selects, in display order."""
    params: dict = {"run_id": f.run_id}
    sql = (
        f"SELECT i.id FROM images i LEFT JOIN {_LABEL_SUMMARY} l ON l.image_id = i.id "
        f"LEFT JOIN ({_top_prediction_sql()}) p ON p.image_id = i.id "
        f"WHERE {' AND '.join(_where(f, params))} ORDER BY {_order(f)}"
    )
    return [row[0] for row in lib.connection().execute(sql, params)]


def fetch_rows(lib: Library, image_ids: Sequence[int], run_id: Optional[str] = None) -> Dict[int, dict]:
    """Display rows by id: ``id, path, sha256, status, width, height, characters`` (names, by name),
    ``character`` (``A+B`` for several, None unlabelled), ``colour`` and ``source`` (of the first),
    ``pred, pred_score, pred_unknown`` (prediction fields None without a prediction)."""
    rows: Dict[int, dict] = {}
    ids = [int(i) for i in image_ids]
    for r in lib.query_in(
        "SELECT id, path, sha256, status, width, height FROM images WHERE id IN ({marks})", ids
    ):
        r.update(characters=[], character=None, colour=None, source=None, pred=None, pred_score=None,
                 pred_unknown=None)
        rows[r["id"]] = r
    for lab in lib.query_in(
        "SELECT l.image_id, c.name, c.colour, l.source FROM labels l JOIN characters c ON c.id = l.character_id "
        "WHERE l.image_id IN ({marks}) ORDER BY l.image_id, c.name COLLATE NOCASE",
        ids,
    ):
        row = rows[lab["image_id"]]
        if not row["characters"]:
            row.update(colour=lab["colour"], source=lab["source"])
        row["characters"].append(lab["name"])
        row["character"] = "+".join(row["characters"])
    if run_id is not None:
        for image_id, (pred, score, unknown) in _suggestions(lib, ids, run_id).items():
            if image_id in rows:
                rows[image_id].update(pred=pred, pred_score=score, pred_unknown=unknown)
    return rows


def _confident_faces(lib: Library, image_ids: Sequence[int], run_id: str) -> Dict[int, List[dict]]:
    """Each image's confidently named faces in ``run_id`` (``character, score, x0..y1``), in face order."""
    out: Dict[int, List[dict]] = {}
    for f in lib.query_in(
        "SELECT image_id, character, score, x0, y0, x1, y1 FROM face_predictions "
        "WHERE run_id = ? AND unknown = 0 AND image_id IN ({marks}) ORDER BY image_id, face",
        image_ids,
        (run_id,),
    ):
        out.setdefault(f["image_id"], []).append(f)
    return out


def _suggestions(lib: Library, image_ids: Sequence[int], run_id: str,
                 faces: Optional[Dict[int, List[dict]]] = None) -> Dict[int, Tuple[str, float, bool]]:
    """``(pred, pred_score, pred_unknown)`` of each predicted image, by the rule of :func:`_top_prediction_sql`
    (``faces``: :func:`_confident_faces` of the images, when the caller has them)."""
    out: Dict[int, Tuple[str, float, bool]] = {}
    for p in lib.query_in(
        "SELECT image_id, character, score, unknown FROM predictions "
        "WHERE run_id = ? AND image_id IN ({marks}) ORDER BY rank DESC",
        image_ids,
        (run_id,),
    ):  # rank DESC: the best rank is written last
        out[p["image_id"]] = (p["character"], p["score"], bool(p["unknown"]))
    for image_id, named in (faces if faces is not None else _confident_faces(lib, image_ids, run_id)).items():
        if image_id in out:
            best: Dict[str, float] = {}  # each character once, in face order, at its best face's score
            for f in named:
                best[f["character"]] = max(best.get(f["character"], 0.0), f["score"])
            out[image_id] = ("+".join(best), min(best.values()), False)
    return out


def image_detail(lib: Library, image_id: int, run_id: Optional[str] = None) -> Optional[dict]:
    """Everything the detail panel shows about one image, or None if it does not exist.

    Keys: the :func:`fetch_rows` fields plus ``byte_size, format, added_at, original_name,
    character_id`` (of a single-character image, else None), ``attributes`` (``{key: value}`` of
    that character), ``top`` (``[(character, score)]`` best first) and ``unknown``.
    """
    rows = fetch_rows(lib, [image_id], run_id)
    if image_id not in rows:
        return None
    detail = rows[image_id]
    extra = lib.query("SELECT byte_size, format, added_at, original_name FROM images WHERE id = ?", (image_id,))[0]
    detail.update(extra)
    single = lib.query("SELECT character_id FROM labels WHERE image_id = ?", (image_id,))
    detail["character_id"] = single[0]["character_id"] if len(single) == 1 else None
    detail["attributes"] = {
        r["key"]: r["value"]
        for r in lib.query(
            "SELECT d.key, v.value FROM attribute_values v JOIN attribute_defs d ON d.id = v.attr_id "
            "WHERE v.image_id = ? AND d.character_id = ?",
            (image_id, detail["character_id"]),
        )
    }
    preds = []
    if run_id is not None:
        preds = lib.query(
            "SELECT character, score, unknown FROM predictions WHERE image_id = ? AND run_id = ? ORDER BY rank",
            (image_id, run_id),
        )
    detail["top"] = [(p["character"], float(p["score"])) for p in preds]
    detail["unknown"] = bool(preds and preds[0]["unknown"])
    return detail


def counts(lib: Library, run_id: Optional[str] = None) -> Dict[str, int]:
    """Image counts per status: ``all, labelled, unlabelled, predicted``."""
    out = {}
    for status in STATUSES:
        params: dict = {"run_id": run_id}
        where = " AND ".join(_where(GalleryFilter(status=status, run_id=run_id), params))
        join_pred = f"LEFT JOIN ({_top_prediction_sql()}) p ON p.image_id = i.id " if status == "predicted" else ""
        out[status] = int(
            lib.scalar(
                f"SELECT COUNT(*) FROM images i LEFT JOIN {_LABEL_SUMMARY} l ON l.image_id = i.id {join_pred}"
                f"WHERE {where}",
                params,
            )
        )
    return out


def attribute_filter_options(lib: Library, character: Optional[str] = None) -> List[Tuple[str, str, str]]:
    """Distinct ``(key, value, type)`` attribute values in use (optionally of one character)."""
    sql = (
        "SELECT DISTINCT d.key, v.value, d.type FROM attribute_values v "
        "JOIN attribute_defs d ON d.id = v.attr_id JOIN characters c ON c.id = d.character_id"
    )
    params: tuple = ()
    if character:
        sql += " WHERE c.name = ?"
        params = (character,)
    sql += " ORDER BY d.key COLLATE NOCASE, v.value COLLATE NOCASE"
    return [(r["key"], r["value"], r["type"]) for r in lib.query(sql, params)]


def suggested_labels(lib: Library, image_ids: Sequence[int], run_id: str) -> Dict[int, List[Suggested]]:
    """What confirming each image's suggestion in ``run_id`` labels it with: its confidently named faces
    (each character once, with its first face's box), else the whole picture's top answer (no box) when it
    is not unknown. Images with neither are left out."""
    ids = [int(i) for i in image_ids]
    named = _confident_faces(lib, ids, run_id)
    out: Dict[int, List[Suggested]] = {}
    for image_id, (pred, _score, unknown) in _suggestions(lib, ids, run_id, named).items():
        if not unknown:
            out[image_id] = [Suggested(pred)]
    for image_id, faces in named.items():
        if image_id in out:
            first = {f["character"]: f for f in reversed(faces)}  # reversed: the first face wins
            names = dict.fromkeys(f["character"] for f in faces)
            out[image_id] = [Suggested(name, _box(first[name])) for name in names]
    return out


@dataclass(frozen=True)
class StoredFace:
    """One face of an image as a run answered it: its box (0..1), top character and score, unknown."""

    box: Tuple[float, float, float, float]
    character: str
    score: float
    unknown: bool


def stored_faces(lib: Library, image_id: int, run_id: str) -> List[StoredFace]:
    """The faces ``run_id`` answered on one image (stored by ``recognize --unlabelled`` or the Suggestions
    page), in face order; empty when it never looked."""
    return [StoredFace((r["x0"], r["y0"], r["x1"], r["y1"]), r["character"], float(r["score"]), bool(r["unknown"]))
            for r in lib.query("SELECT x0, y0, x1, y1, character, score, unknown FROM face_predictions "
                               "WHERE image_id = ? AND run_id = ? ORDER BY face", (int(image_id), run_id))]


def _box(face: dict) -> Optional[Region]:
    """The face's box as a detector region, clipped to the picture (None when nothing is left)."""
    x0, y0 = max(0.0, face["x0"]), max(0.0, face["y0"])
    x1, y1 = min(1.0, face["x1"]), min(1.0, face["y1"])
    return Region(x0, y0, x1, y1, source="detector") if x0 < x1 and y0 < y1 else None


def reject_predictions(lib: Library, image_ids: Sequence[int], run_id: str) -> int:
    """The user rejected these suggestions: mark the run's predictions for the images as unknown.

    They stay stored (so the images are not predicted again by the same model) but no longer count
    as "predicted, not confirmed". Returns how many images were affected.
    """
    ids = [int(i) for i in image_ids]
    with lib.write() as conn:
        counts = execute_in(
            conn, "SELECT COUNT(DISTINCT image_id) FROM predictions WHERE run_id = ? AND image_id IN ({marks})",
            ids, (run_id,),
        )
        for table in ("predictions", "face_predictions"):
            execute_in(conn, f"UPDATE {table} SET unknown = 1 WHERE run_id = ? AND image_id IN ({{marks}})",
                       ids, (run_id,))
    return sum(n for (n,) in counts)


def unpredicted_unlabelled_ids(lib: Library, run_id: str) -> List[int]:
    """Unlabelled ok images that have no stored prediction from ``run_id`` yet."""
    return [
        r[0]
        for r in lib.connection().execute(
            "SELECT i.id FROM images i LEFT JOIN labels l ON l.image_id = i.id "
            "WHERE i.status = 'ok' AND l.image_id IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM predictions p WHERE p.image_id = i.id AND p.run_id = ?) ORDER BY i.id",
            (run_id,),
        )
    ]


def ids_for_stored_paths(lib: Library, paths: Sequence[str]) -> Dict[str, int]:
    """Library ids of the given stored paths (exact match), for paths that are in the library."""
    return {r["path"]: r["id"] for r in lib.query_in("SELECT id, path FROM images WHERE path IN ({marks})", paths)}


def attribute_summary(lib: Library, image_ids: Sequence[int], character: str) -> Dict[str, List[Optional[str]]]:
    """For each attribute of ``character``: the distinct values among these images, sorted, with
    None listed first when some image has no value (so one value = all agree)."""
    defs = lib.query(
        "SELECT d.id, d.key FROM attribute_defs d JOIN characters c ON c.id = d.character_id WHERE c.name = ?",
        (character,),
    )
    ids = [int(i) for i in image_ids]
    out: Dict[str, List[Optional[str]]] = {}
    for d in defs:
        seen: Dict[str, int] = {}
        for r in lib.query_in(
            "SELECT value, COUNT(*) AS n FROM attribute_values WHERE attr_id = ? AND image_id IN ({marks}) "
            "GROUP BY value",
            ids,
            (d["id"],),
        ):
            seen[r["value"]] = seen.get(r["value"], 0) + r["n"]
        values: List[Optional[str]] = sorted(seen)
        if sum(seen.values()) < len(ids):
            values.insert(0, None)
        out[d["key"]] = values
    return out


def label_counts(lib: Library, image_ids: Sequence[int]) -> Dict[Optional[str], int]:
    """How many of these images carry each character (key None: unlabelled); a group shot counts for each."""
    ids = [int(i) for i in image_ids]
    out: Dict[Optional[str], int] = {}
    for r in lib.query_in(
        "SELECT c.name, COUNT(*) AS n FROM labels l JOIN characters c ON c.id = l.character_id "
        "WHERE l.image_id IN ({marks}) GROUP BY c.name",
        ids,
    ):
        out[r["name"]] = out.get(r["name"], 0) + r["n"]
    labelled = sum(r["n"] for r in lib.query_in(
        "SELECT COUNT(DISTINCT image_id) AS n FROM labels WHERE image_id IN ({marks})", ids))
    if labelled < len(ids):
        out[None] = len(ids) - labelled
    return out
