"""Export for other tools: the trained model as ONNX, labels as CSV / JSON / folders, caption files.

- ONNX: the active (or a given) run's network with normalisation (and mirror averaging, when the
  model uses it) inside the graph: input ``image`` float32 (N, 3, S, S) RGB in [0, 1], outputs
  ``logits`` and ``probabilities``. The class list, input size, resize method and unknown
  threshold go into the model's metadata and a ``.json`` file beside it. The export is verified:
  ONNX Runtime must give the same top-1 as PyTorch on the run's validation images.
  Needs the ``onnx`` and ``onnxruntime`` packages (the ``export`` extra).
- Labels: CSV (one row per (image, character), with its box, one column per attribute key), JSON
  (characters with attribute definitions, one entry per (image, character)), character folders
  (:mod:`seed`; a group shot goes into each of its characters' folders).
- Captions: ``<image>.txt`` beside each exported image (``character, attribute, ...``; every
  character of a group shot), the usual layout of training sets for image generators; copies into a
  folder, or next to the originals.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import warnings
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np
import torch
from torch import nn

from animeid_desktop.core.engine.features import decode_stream
from animeid_desktop.core.engine.preprocess import load_array
from animeid_desktop.core.engine.saved_models import SavedModel, load_run
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.exchange.reference_files import export_folders, name_key, safe_folder_name
from animeid_desktop.core.library.folder import Library, utcnow
from animeid_desktop.core.library.runs import active_run_id, get_run
from animeid_desktop.core.media.files import atomic_write
from animeid_desktop.core.progress import ProgressFn, StopFn, check_stop

ONNX_OPSET = 17
LABEL_FORMATS = ("csv", "json", "folders", "captions")


# ------------------------------------------------------------------------------------ ONNX
class ExportWrapper(nn.Module):
    """[0, 1] RGB images -> (logits, probabilities), normalising (and mirror-averaging) inside."""

    def __init__(self, saved: SavedModel) -> None:
        super().__init__()
        self.network = saved.network.eval()
        self.flip = bool(saved.prep.flip)
        self.register_buffer("mean", torch.tensor(saved.prep.mean, dtype=torch.float32).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(saved.prep.std, dtype=torch.float32).view(1, 3, 1, 1))

    def forward(self, image: torch.Tensor):
        x = (image - self.mean) / self.std
        logits = self.network(x)
        if self.flip:
            logits = (logits + self.network(torch.flip(x, dims=[3]))) / 2
        return logits, torch.softmax(logits, dim=1)


def _require(module: str):
    try:
        return __import__(module)
    except ImportError as exc:
        raise UserError(f"ONNX export needs the '{module}' package; install it with "
                        "'pip install onnx onnxruntime' (the 'export' extra)") from exc


def validation_arrays(lib: Library, saved: SavedModel, limit: Optional[int] = None) -> np.ndarray:
    """The run's validation images as float32 (N, 3, S, S) in [0, 1] (unreadable ones left out)."""
    run = get_run(lib, saved.run_id)
    ids = [int(v["image_id"]) for v in (run.metrics.get("val_items") or [])][:limit]
    rows = lib.query_in("SELECT id, path FROM images WHERE status = 'ok' AND id IN ({marks})", ids)
    paths = [r["path"] for r in sorted(rows, key=lambda r: r["id"])]
    arrays = [d.array for d in decode_stream(paths, lambda p: load_array(p, saved.prep)) if d.array is not None]
    if not arrays:
        return np.zeros((0, 3, saved.prep.size, saved.prep.size), dtype=np.float32)
    return np.stack(arrays).transpose(0, 3, 1, 2).astype(np.float32) / 255.0


def verify_onnx(path: str | os.PathLike, wrapper: ExportWrapper, images: np.ndarray, batch: int = 16) -> dict:
    """Run ``images`` through ONNX Runtime and PyTorch; count top-1 agreements and the largest difference."""
    ort = _require("onnxruntime")
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    same = 0
    max_diff = 0.0
    for start in range(0, len(images), batch):
        x = images[start : start + batch]
        onnx_probs = session.run(["probabilities"], {"image": x})[0]
        with torch.no_grad():
            torch_probs = wrapper(torch.from_numpy(x))[1].numpy()
        same += int((onnx_probs.argmax(1) == torch_probs.argmax(1)).sum())
        max_diff = max(max_diff, float(np.abs(onnx_probs - torch_probs).max()))
    return {"images": int(len(images)), "same_top1": same, "max_probability_difference": max_diff,
            "ok": same == len(images)}


def export_onnx(
    lib: Library,
    path: str | os.PathLike,
    run_id: Optional[str] = None,
    verify: bool = True,
    verify_limit: Optional[int] = None,
    on_progress: Optional[ProgressFn] = None,
) -> dict:
    """Write the run's model as ONNX to ``path`` (plus ``path.json``); returns what was written and
    the verification result. Raises :class:`UserError` when verification finds a different top-1."""
    onnx = _require("onnx")
    run_id = run_id or active_run_id(lib)
    if not run_id:
        raise UserError("no trained model yet; train one first ('animeid train')")
    saved = load_run(lib, run_id)
    wrapper = ExportWrapper(saved).eval()
    path = Path(path)
    if path.suffix.lower() != ".onnx":
        path = path.with_suffix(".onnx")
    path.parent.mkdir(parents=True, exist_ok=True)
    size = saved.prep.size
    if on_progress:
        on_progress(0, 3, "exporting the network")
    exported = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(wrapper, (torch.rand(1, 3, size, size),), exported, input_names=["image"],
                          output_names=["logits", "probabilities"], opset_version=ONNX_OPSET, dynamo=False,
                          dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}, "probabilities": {0: "batch"}})
    info = {"run_id": saved.run_id, "model": saved.spec.name, "classes": saved.classes,
            "input": {"name": "image", "shape": ["batch", 3, size, size], "dtype": "float32",
                      "range": [0.0, 1.0], "channels": "RGB", "resize": saved.prep.method,
                      "normalisation": "inside the model", "mirror_averaged": saved.prep.flip},
            "outputs": ["logits", "probabilities"], "threshold": float(saved.meta.get("threshold", 0.5)),
            "exported_at": utcnow(), "opset": ONNX_OPSET}
    model = onnx.load_model_from_string(exported.getvalue())
    for key, value in (("classes", json.dumps(saved.classes, ensure_ascii=False)), ("animeid", json.dumps(info))):
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    atomic_write(path, model.SerializeToString())
    if on_progress:
        on_progress(1, 3, "checking against PyTorch on the validation images")
    verification = None
    if verify:
        verification = verify_onnx(path, wrapper, validation_arrays(lib, saved, verify_limit))
        info["verification"] = verification
    sidecar = path.with_suffix(".json")
    sidecar.write_text(json.dumps(info, indent=1, ensure_ascii=False), encoding="utf-8")
    if on_progress:
        on_progress(3, 3, "done")
    if verification is not None and not verification["ok"]:
        differ = verification["images"] - verification["same_top1"]
        raise UserError(f"{path}: ONNX Runtime disagrees with PyTorch on {differ} of {verification['images']} "
                        "validation images; the export is not usable")
    return {"path": str(path), "json": str(sidecar), "bytes": path.stat().st_size, **info}


# ------------------------------------------------------------------------------------ labels
def label_rows(lib: Library) -> List[dict]:
    """One row per (labelled ok image, character): ``id, path, sha256, width, height, character, source,
    labelled_at, box`` (``[x0, y0, x1, y1]`` in 0..1 or None), ``box_source`` and ``attributes`` (that
    character's values on that image)."""
    rows = lib.query(
        "SELECT i.id, i.path, i.sha256, i.width, i.height, c.name AS character, l.source, l.labelled_at, "
        "l.x0, l.y0, l.x1, l.y1, l.box_source "
        "FROM labels l JOIN images i ON i.id = l.image_id JOIN characters c ON c.id = l.character_id "
        "WHERE i.status = 'ok' ORDER BY c.name, i.path"
    )
    attrs: Dict[tuple, Dict[str, str]] = {}
    for r in lib.query(
        "SELECT v.image_id, c.name, d.key, v.value FROM attribute_values v JOIN attribute_defs d ON d.id = v.attr_id "
        "JOIN characters c ON c.id = d.character_id "
        "JOIN labels l ON l.image_id = v.image_id AND l.character_id = d.character_id"
    ):
        attrs.setdefault((r["image_id"], r["name"]), {})[r["key"]] = r["value"]
    for r in rows:
        box = [r.pop(k) for k in ("x0", "y0", "x1", "y1")]
        r["box"] = box if r["box_source"] else None
        r["attributes"] = attrs.get((r["id"], r["character"]), {})
    return rows


def export_csv(lib: Library, path: str | os.PathLike) -> dict:
    """Labels as CSV, one row per (image, character): path, sha256, character, source, labelled_at,
    x0, y0, x1, y1, box_source (empty without a box), then one ``attr:KEY`` column per key."""
    rows = label_rows(lib)
    keys = sorted({k for r in rows for k in r["attributes"]})
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["path", "sha256", "character", "source", "labelled_at", "x0", "y0", "x1", "y1",
                         "box_source", *[f"attr:{k}" for k in keys]])
        for r in rows:
            writer.writerow([r["path"], r["sha256"], r["character"], r["source"], r["labelled_at"],
                             *(r["box"] or ["", "", "", ""]), r["box_source"] or "",
                             *[r["attributes"].get(k, "") for k in keys]])
    return {"path": str(path), "images": len(rows), "attribute_keys": keys}


def export_json(lib: Library, path: str | os.PathLike) -> dict:
    """Labels as one JSON document: ``characters`` (with attribute definitions) and ``images``."""
    from animeid_desktop.core.library.labels import attribute_defs, list_characters

    characters = [{"name": c["name"], "series": c["series"], "colour": c["colour"], "images": c["images"],
                   "attributes": [{k: d[k] for k in ("key", "type", "choices")}
                                  for d in attribute_defs(lib, c["name"])]}
                  for c in list_characters(lib)]
    images = [{k: r[k] for k in ("path", "sha256", "width", "height", "character", "source", "labelled_at",
                                 "box", "box_source", "attributes")} for r in label_rows(lib)]
    doc = {"format": "animeid-labels", "version": 2, "exported_at": utcnow(), "characters": characters,
           "images": images}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")
    return {"path": str(path), "images": len(images), "characters": len(characters)}


# ------------------------------------------------------------------------------------ captions
def caption_text(character: str, attributes: Dict[str, str], types: Dict[str, str],
                 spaces: bool = False) -> str:
    """``"toyama_rin, glasses, smile"``: the character, then each yes attribute by its key and each
    choice or text attribute by its value (no attributes are left out)."""
    parts = [character]
    for key in sorted(attributes):
        value = attributes[key]
        if types.get(key) == "bool":
            if value == "1":
                parts.append(key)
        elif value:
            parts.append(value)
    text = ", ".join(parts)
    return text.replace("_", " ") if spaces else text


def _attribute_types(lib: Library) -> Dict[tuple, str]:
    return {(r["name"], r["key"]): r["type"] for r in lib.query(
        "SELECT c.name, d.key, d.type FROM attribute_defs d JOIN characters c ON c.id = d.character_id")}


def export_captions(
    lib: Library,
    folder: Optional[str | os.PathLike] = None,
    in_place: bool = False,
    spaces: bool = False,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> dict:
    """Caption files for every labelled image.

    With ``folder``: copies each image into ``folder/<character>/`` and writes ``<stem>.txt``
    beside it (unique stems; repeated exports copy only what changed). With ``in_place``: writes
    ``<image path without extension>.txt`` next to the original files instead.
    """
    if (folder is None) == (not in_place):
        raise UserError("give an output folder, or choose to write captions next to the original images")
    rows = label_rows(lib)
    types = _attribute_types(lib)
    texts: Dict[int, List[str]] = {}  # every character of an image, by name, in one caption
    for r in sorted(rows, key=lambda r: r["character"]):
        texts.setdefault(r["id"], []).append(caption_text(
            r["character"], r["attributes"], {k: types.get((r["character"], k), "text") for k in r["attributes"]},
            spaces))
    if in_place:
        rows = list({r["id"]: r for r in rows}.values())  # one caption file per image
    out = Path(folder) if folder is not None else None
    written = copied = 0
    failed: List[tuple] = []
    stems: Dict[str, set] = {}
    for n, r in enumerate(rows):
        check_stop(should_stop)
        text = ", ".join(texts[r["id"]])
        try:
            if out is None:
                target = Path(r["path"]).with_suffix(".txt")
            else:
                sub = out / safe_folder_name(r["character"])
                sub.mkdir(parents=True, exist_ok=True)
                stem, ext = safe_folder_name(Path(r["path"]).stem), Path(r["path"]).suffix.lower()
                taken = stems.setdefault(str(sub), set())
                if name_key(stem) in taken:
                    stem = f"{stem}_{r['sha256'][:8]}"
                taken.add(name_key(stem))
                image_target = sub / f"{stem}{ext}"
                if not (image_target.is_file() and image_target.stat().st_size == os.path.getsize(r["path"])):
                    shutil.copyfile(r["path"], image_target)
                    copied += 1
                target = sub / f"{stem}.txt"
            target.write_text(text + "\n", encoding="utf-8")
            written += 1
        except OSError as exc:
            failed.append((r["path"], exc.strerror or str(exc)))
        if on_progress:
            on_progress(n + 1, len(rows), r["character"])
    return {"folder": str(out) if out else None, "captions": written, "copied": copied, "failed": failed}


def export_labels(lib: Library, fmt: str, target: str | os.PathLike, on_progress: Optional[ProgressFn] = None,
                  should_stop: Optional[StopFn] = None, **options) -> dict:
    """Export labels in ``fmt`` (csv, json, folders, captions) to ``target`` (a file or a folder)."""
    if fmt == "csv":
        return export_csv(lib, target)
    if fmt == "json":
        return export_json(lib, target)
    if fmt == "folders":
        return export_folders(lib, target, on_progress, should_stop)
    if fmt == "captions":
        return export_captions(lib, target, False, bool(options.get("spaces")), on_progress, should_stop)
    raise UserError(f"unknown export format {fmt!r}; use one of onnx, {', '.join(LABEL_FORMATS)}")

