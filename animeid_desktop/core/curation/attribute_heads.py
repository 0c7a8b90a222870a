"""Attributes predicted too: small linear heads on the cached backbone features, one per attribute.

The features are the anime-trained backbone's (``ANIME_FEATURES``): on the demo set its 5-fold accuracy is
74% / 80% (expression / glasses) against ImageNet Lite0's 60% / 72%. Heads saved before keep the features
they were trained on (their ``meta.json``).

An attribute head is trained for every yes/no or choice attribute with enough labelled examples
(at least :data:`MIN_EXAMPLES` images, :data:`MIN_PER_VALUE` per value, two values or more).
Characters that define the same attribute (same key, type and choices) share one head: "wears
glasses" looks the same on every character, and pooling gives each head far more examples.
Heads are trained like the recogniser's head mode (:func:`training_head.fit_head`). Their
accuracy is measured by stratified k-fold cross-validation (every example is validated once, which
is far steadier than one small validation split) and stored next to the majority-class baseline;
the head itself is then trained on all examples. Only heads that beat always guessing the most
common value by :data:`RELIABLE_MARGIN` make predictions.
Features are centred on their character's mean first: an attribute is what varies *within* a
character, and removing who it is leaves that variation (on the demo set this adds about five
points of validation accuracy). Predictions use the centre of the image's (predicted) character.

Heads live in ``<library>/models/attribute_heads/`` (``model.safetensors`` + ``meta.json``).
:func:`predict_attributes` gives ``{image: {key: (value, confidence)}}`` for library images (their
label, else their predicted character, decides which attributes apply) or decoded PIL images.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import torch
from PIL import Image

from animeid_desktop.core.engine.devices import pick_device
from animeid_desktop.core.engine.features import ANIME_FEATURES, FeatureConfig, FeatureExtractor, library_features
from animeid_desktop.core.engine.model_files import load_meta, load_tensors, save_model
from animeid_desktop.core.engine.preprocess import image_to_array
from animeid_desktop.core.engine.registry import get_spec
from animeid_desktop.core.engine.weights import pretrained_backbone, resolve_weights
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.library.folder import Library, utcnow
from animeid_desktop.core.library.undo import CompoundChange, compound, set_attribute_values_undoable
from animeid_desktop.core.progress import ProgressFn, StopFn, check_stop
from animeid_desktop.core.training.head import fit_head

MIN_EXAMPLES = 10
MIN_PER_VALUE = 3
EPOCHS = 60
FOLDS = 5
RELIABLE_MARGIN = 0.03
HEADS_FOLDER = "attribute_heads"
Prediction = Dict[str, Tuple[str, float]]


@dataclass
class AttributeHead:
    """One trained head: which attribute, which values (class order), how good it is."""

    key: str
    type: str
    values: List[str]
    characters: List[str]
    examples: int
    val_accuracy: Optional[float]  # cross-validated
    baseline: float  # share of the most common value: what always guessing it would score
    val_count: int = 0

    @property
    def reliable(self) -> bool:
        """True when it predicts better than always guessing the most common value."""
        return self.val_accuracy is not None and self.val_accuracy >= self.baseline + RELIABLE_MARGIN


@dataclass
class AttributeHeads:
    """All heads of a library and their weights (raw-feature space)."""

    heads: List[AttributeHead]
    weights: List[Tuple[torch.Tensor, torch.Tensor]] = field(default_factory=list)
    centres: Dict[str, np.ndarray] = field(default_factory=dict)  # character -> mean feature
    feature_key: str = ""
    config: FeatureConfig = ANIME_FEATURES
    trained_at: str = ""

    def head_for(self, character: str, key: str) -> Optional[int]:
        for n, head in enumerate(self.heads):
            if head.key == key and character in head.characters and head.reliable:
                return n
        return None

    def to_json(self) -> dict:
        return {"feature_key": self.feature_key, "trained_at": self.trained_at,
                "heads": [asdict(h) for h in self.heads]}


def heads_dir(lib: Library) -> Path:
    return lib.models_dir / HEADS_FOLDER


# ------------------------------------------------------------------------------------ training
def training_examples(lib: Library) -> List[dict]:
    """Labelled attribute examples grouped by attribute signature (key, type, choices).

    Each entry: ``key, type, choices, characters, image_ids, values`` (values as stored).
    """
    rows = lib.query(
        "SELECT c.name AS character, d.key, d.type, d.choices, v.image_id, v.value "
        "FROM attribute_values v JOIN attribute_defs d ON d.id = v.attr_id "
        "JOIN characters c ON c.id = d.character_id JOIN labels l ON l.image_id = v.image_id "
        "AND l.character_id = d.character_id JOIN images i ON i.id = v.image_id "
        "WHERE i.status = 'ok' AND d.type IN ('bool', 'choice') ORDER BY d.key, v.image_id"
    )
    groups: Dict[tuple, dict] = {}
    for r in rows:
        sig = (r["key"], r["type"], r["choices"] or "")
        g = groups.setdefault(sig, {"key": r["key"], "type": r["type"],
                                    "choices": json.loads(r["choices"]) if r["choices"] else None,
                                    "characters": set(), "image_ids": [], "values": []})
        g["characters"].add(r["character"])
        g["image_ids"].append(int(r["image_id"]))
        g["values"].append(r["value"])
    defined = lib.query("SELECT c.name, d.key, d.type, d.choices FROM attribute_defs d "
                        "JOIN characters c ON c.id = d.character_id WHERE d.type IN ('bool', 'choice')")
    for d in defined:  # characters that define the attribute but have no examples yet share the head
        sig = (d["key"], d["type"], d["choices"] or "")
        if sig in groups:
            groups[sig]["characters"].add(d["name"])
    return list(groups.values())


def trainable(example: dict) -> bool:
    """Enough examples for a head: :data:`MIN_EXAMPLES` in all, two values with :data:`MIN_PER_VALUE` each."""
    counts: Dict[str, int] = {}
    for v in example["values"]:
        counts[v] = counts.get(v, 0) + 1
    return len(example["values"]) >= MIN_EXAMPLES and sum(1 for n in counts.values() if n >= MIN_PER_VALUE) >= 2


def train_attribute_heads(
    lib: Library,
    config: Optional[FeatureConfig] = None,
    seed: int = 0,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> AttributeHeads:
    """Train (and save) a head for every attribute with enough examples; returns them.

    Raises :class:`UserError` when no attribute has enough labelled examples.
    """
    config = config or ANIME_FEATURES
    examples = [e for e in training_examples(lib) if trainable(e)]
    if not examples:
        raise UserError(f"no attribute has enough labelled examples yet (need {MIN_EXAMPLES} images with at least "
                        f"{MIN_PER_VALUE} of two different values); set attribute values on more images")
    character_of = {r["id"]: r["character"] for r in L.labelled_images(lib)}
    wanted = {c for e in examples for c in e["characters"]}
    ids = sorted(i for i, c in character_of.items() if c in wanted)
    feats = library_features(lib, ids, config, on_progress, should_stop)
    rows = feats.row_of()
    centres = character_centres(feats.vectors, [character_of[i] for i in feats.ids])
    sha = {r["id"]: r["sha256"] for r in lib.query("SELECT id, sha256 FROM images")}
    heads: List[AttributeHead] = []
    weights: List[Tuple[torch.Tensor, torch.Tensor]] = []
    for n, e in enumerate(examples):
        check_stop(should_stop)
        if on_progress:
            on_progress(n, len(examples), f"attribute {e['key']}")
        keep = [k for k, i in enumerate(e["image_ids"]) if i in rows]
        values = sorted({e["values"][k] for k in keep})
        y = np.array([values.index(e["values"][k]) for k in keep], dtype=np.int64)
        x = centred(feats.vectors[[rows[e["image_ids"][k]] for k in keep]],
                    [character_of[e["image_ids"][k]] for k in keep], centres)
        accuracy, validated = cross_validate(x, y, [sha[e["image_ids"][k]] for k in keep], len(values), seed,
                                             should_stop)
        final = fit_head(x, y, x[:0], y[:0], len(values), epochs=EPOCHS, seed=seed, should_stop=should_stop)
        baseline = float(np.bincount(y).max() / len(y))
        heads.append(AttributeHead(e["key"], e["type"], values, sorted(e["characters"]), len(keep), accuracy,
                                   baseline, validated))
        weights.append((final.weight.float(), final.bias.float()))
    result = AttributeHeads(heads, weights, centres, feats.key, config, utcnow())
    save_attribute_heads(lib, result)
    if on_progress:
        on_progress(len(examples), len(examples), "attribute heads trained")
    return result


def folds(keys: Sequence[str], y: np.ndarray, k: int = FOLDS, seed: int = 0) -> np.ndarray:
    """Stratified fold number per example: within each class, examples (ordered by a hash of their
    key) are dealt to the folds in turn."""
    order_key = {key: hashlib.sha256(f"{seed}:{key}".encode()).hexdigest() for key in keys}
    out = np.zeros(len(y), dtype=np.int64)
    dealt = 0
    for c in sorted(set(int(v) for v in y)):
        members = sorted(np.flatnonzero(y == c), key=lambda i: order_key[keys[i]])
        for n, i in enumerate(members):
            out[i] = (dealt + n) % k
        dealt += len(members)
    return out


def cross_validate(x: np.ndarray, y: np.ndarray, keys: Sequence[str], n_classes: int, seed: int = 0,
                   should_stop: Optional[StopFn] = None) -> Tuple[Optional[float], int]:
    """(k-fold accuracy of the last epoch, examples validated); (None, 0) with too few examples."""
    k = min(FOLDS, int(np.bincount(y).min()))
    if k < 2:
        return None, 0
    fold = folds(keys, y, k, seed)
    correct = 0
    for f in range(k):
        check_stop(should_stop)
        tr, va = fold != f, fold == f
        fit = fit_head(x[tr], y[tr], x[:0], y[:0], n_classes, epochs=EPOCHS, seed=seed, should_stop=should_stop)
        logits = torch.as_tensor(x[va], dtype=torch.float32) @ fit.weight.T + fit.bias
        correct += int((logits.argmax(1).numpy() == y[va]).sum())
    return correct / len(y), len(y)


def character_centres(vectors: np.ndarray, characters: Sequence[str]) -> Dict[str, np.ndarray]:
    """Mean feature of each character (plus ``""``: the mean of all, for images without a character)."""
    x = np.asarray(vectors, dtype=np.float32)
    names = np.asarray(characters)
    out = {name: x[names == name].mean(0) for name in sorted(set(characters))}
    out[""] = x.mean(0) if len(x) else np.zeros(x.shape[1], np.float32)
    return out


def centred(vectors: np.ndarray, characters: Sequence[Optional[str]], centres: Dict[str, np.ndarray]) -> np.ndarray:
    """Each row minus its character's centre (the overall centre for unknown characters)."""
    x = np.asarray(vectors, dtype=np.float32).copy()
    for n, c in enumerate(characters):
        x[n] -= centres.get(c or "", centres[""])
    return x


def save_attribute_heads(lib: Library, heads: AttributeHeads) -> Path:
    tensors = {}
    for n, (w, b) in enumerate(heads.weights):
        tensors[f"h{n}.weight"], tensors[f"h{n}.bias"] = w, b
    names = sorted(heads.centres)
    tensors["centres"] = torch.as_tensor(np.stack([heads.centres[c] for c in names]))
    meta = {**heads.to_json(), "config": asdict(heads.config), "centre_characters": names}
    return save_model(heads_dir(lib), tensors, meta)


def load_attribute_heads(lib: Library) -> Optional[AttributeHeads]:
    """The library's saved heads, or None when none were trained."""
    folder = heads_dir(lib)
    if not (folder / "meta.json").is_file():
        return None
    meta = load_meta(folder)
    tensors = load_tensors(folder)
    heads = [AttributeHead(**h) for h in meta["heads"]]
    weights = [(tensors[f"h{n}.weight"], tensors[f"h{n}.bias"]) for n in range(len(heads))]
    centres = {c: tensors["centres"][n].numpy() for n, c in enumerate(meta["centre_characters"])}
    return AttributeHeads(heads, weights, centres, meta.get("feature_key", ""),
                          FeatureConfig(**meta.get("config", {})), meta.get("trained_at", ""))


# ------------------------------------------------------------------------------------ predicting
def _characters_of(lib: Library, image_ids: Sequence[int]) -> Dict[int, str]:
    """Label of each image, else the active model's top (non-unknown) prediction."""
    from animeid_desktop.core.curation.clustering import top_predictions
    from animeid_desktop.core.library.runs import active_run_id

    wanted = {int(i) for i in image_ids}
    out = {i: c for i, (c, unknown) in top_predictions(lib, active_run_id(lib)).items() if i in wanted and not unknown}
    out.update({r["id"]: r["character"] for r in L.labelled_images(lib) if r["id"] in wanted})
    return out


def _apply(heads: AttributeHeads, vectors: np.ndarray, characters: Sequence[Optional[str]],
           defined: Dict[str, List[str]]) -> List[Prediction]:
    x = torch.as_tensor(centred(vectors, characters, heads.centres))
    probs = [torch.softmax(x @ w.T + b, 1).numpy() for w, b in heads.weights]
    out: List[Prediction] = []
    for n, character in enumerate(characters):
        found: Prediction = {}
        for key in defined.get(character or "", []):
            h = heads.head_for(character, key)
            if h is not None:
                k = int(np.argmax(probs[h][n]))
                found[key] = (heads.heads[h].values[k], float(probs[h][n][k]))
        out.append(found)
    return out


def _defined(lib: Library) -> Dict[str, List[str]]:
    out: Dict[str, List[str]] = {}
    for r in lib.query("SELECT c.name, d.key FROM attribute_defs d JOIN characters c ON c.id = d.character_id "
                       "WHERE d.type IN ('bool', 'choice') ORDER BY d.key"):
        out.setdefault(r["name"], []).append(r["key"])
    return out


class AttributePredictor:
    """Predicts attributes with a library's heads; keeps the backbone for decoded images loaded."""

    def __init__(self, lib: Library, heads: Optional[AttributeHeads] = None) -> None:
        self.lib = lib
        self.heads = heads or load_attribute_heads(lib)
        self._extractor: Optional[FeatureExtractor] = None

    @property
    def ready(self) -> bool:
        return self.heads is not None

    def _embed(self, images: Sequence[Image.Image]) -> np.ndarray:
        assert self.heads is not None
        prep = self.heads.config.preprocessing()
        if self._extractor is None:
            spec = get_spec(self.heads.config.model)
            ws = resolve_weights(spec.name, allow_download=False)
            self._extractor = FeatureExtractor(pretrained_backbone(spec, ws), prep, pick_device())
        return np.concatenate([self._extractor.embed_arrays([image_to_array(im, prep) for im in images[s : s + 32]])
                               for s in range(0, len(images), 32)])

    def predict_images(self, images: Sequence[Image.Image], characters: Sequence[Optional[str]]) -> List[Prediction]:
        """Attributes of decoded images whose characters are known (None: no attributes)."""
        if self.heads is None or not images:
            return [{} for _ in images]
        return _apply(self.heads, self._embed(images), characters, _defined(self.lib))

    def predict_ids(self, image_ids: Sequence[int], characters: Optional[Sequence[Optional[str]]] = None,
                    on_progress: Optional[ProgressFn] = None,
                    should_stop: Optional[StopFn] = None) -> Dict[int, Prediction]:
        """Attributes of library images (character: given, else the label, else the model's guess)."""
        ids = [int(i) for i in image_ids]
        out: Dict[int, Prediction] = {i: {} for i in ids}
        if self.heads is None or not ids:
            return out
        chars = dict(zip(ids, characters)) if characters is not None else _characters_of(self.lib, ids)
        feats = library_features(self.lib, ids, self.heads.config, on_progress, should_stop)
        out.update(zip(feats.ids, _apply(self.heads, feats.vectors, [chars.get(i) for i in feats.ids],
                                         _defined(self.lib))))
        return out


def predict_attributes(
    lib: Library,
    items: Sequence[Union[int, Image.Image]],
    characters: Optional[Sequence[Optional[str]]] = None,
    heads: Optional[AttributeHeads] = None,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> Dict[int, Prediction]:
    """Predicted attributes ``{key: (value, confidence)}`` per item, for attributes with a head.

    ``items`` are library image ids (result keyed by id; the character is the label, else the
    active model's prediction) or PIL images (keyed by position; the character is given in
    ``characters`` or predicted by the active model). Items without a character get ``{}``;
    everything is ``{}`` when no heads were trained.
    """
    predictor = AttributePredictor(lib, heads)
    if not items:
        return {}
    if all(isinstance(i, Image.Image) for i in items):
        images: List[Image.Image] = list(items)  # type: ignore[arg-type]
        if characters is None:
            from animeid_desktop.core.recognition.recognizer import Recognizer

            characters = [p.best for p in Recognizer.load(lib).predict_images(images)]
        return dict(enumerate(predictor.predict_images(images, characters)))
    return predictor.predict_ids([int(i) for i in items], characters, on_progress,  # type: ignore[arg-type]
                                 should_stop)


def confirm_attributes(
    lib: Library,
    predictions: Dict[int, Prediction],
    min_confidence: float = 0.9,
    overwrite: bool = False,
) -> CompoundChange:
    """Store predicted values of at least ``min_confidence`` on labelled images, in one undo step.

    Only images whose label defines the attribute are touched; existing values are kept unless
    ``overwrite``. Returns the change (empty when nothing qualified).
    """
    labelled = {r["id"]: r["character"] for r in L.labelled_images(lib)}
    existing = {(r["image_id"], r["key"]) for r in lib.query(
        "SELECT v.image_id, d.key FROM attribute_values v JOIN attribute_defs d ON d.id = v.attr_id")}
    todo: Dict[Tuple[str, str, str], List[int]] = {}
    for image_id, found in predictions.items():
        character = labelled.get(int(image_id))
        if character is None:
            continue
        for key, (value, confidence) in found.items():
            if confidence >= min_confidence and (overwrite or (int(image_id), key) not in existing):
                todo.setdefault((character, key, value), []).append(int(image_id))
    total = sum(len(v) for v in todo.values())
    with compound(lib, f"confirm {total} predicted attribute value(s)") as step:
        for (character, key, value), ids in sorted(todo.items()):
            step.add(set_attribute_values_undoable(lib, ids, character, {key: value}))
    return step
