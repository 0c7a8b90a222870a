"""What to label next: unlabelled images ordered by how much labelling them would help.

With a trained model, an image helps most when the model is torn between two characters: the
queue starts with the smallest margin between the top two probabilities (computed afresh from the
cached features, so it always matches the active model). To avoid spending the user's time on ten
near-identical pictures, the images are grouped by look (the clustering of :mod:`clustering`) and
the queue takes turns between groups: the hardest image of each group first, then the second
hardest of each, and so on. Without a model the queue shows the most typical image of each group,
largest group first, which covers the collection fastest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Tuple

import numpy as np

from animeid_desktop.core.curation.clustering import cluster_images
from animeid_desktop.core.engine.features import FeatureConfig, image_rows
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.runs import active_run_id
from animeid_desktop.core.progress import ProgressFn, StopFn

if TYPE_CHECKING:
    from animeid_desktop.core.recognition.recognizer import Prediction


@dataclass
class QueueItem:
    """One image of the queue with why it is there."""

    image_id: int
    path: str
    margin: Optional[float]  # top-1 minus top-2 probability (None without a model)
    top: List[Tuple[str, float]] = field(default_factory=list)
    group: int = 0
    unknown: bool = False

    @property
    def reason(self) -> str:
        if self.margin is None:
            return f"typical of look-alike group {self.group}"
        if len(self.top) >= 2:
            return f"model torn between {self.top[0][0]} and {self.top[1][0]} (margin {self.margin:.0%})"
        return f"model unsure (margin {self.margin:.0%})"

    def to_json(self) -> dict:
        return {"image_id": self.image_id, "path": self.path,
                "margin": None if self.margin is None else round(self.margin, 4),
                "top": [{"character": c, "score": round(s, 4)} for c, s in self.top],
                "group": self.group, "unknown": self.unknown, "reason": self.reason}


def interleave(keys: Sequence[float], groups: Sequence[int]) -> List[int]:
    """Positions ordered by taking turns between groups: each group's lowest key first.

    Round r holds the r-th lowest key of every group that has one; rounds come in order and each
    round is sorted by key. E.g. keys [0.1, 0.2, 0.3, 0.9] in groups [a, a, a, b] give 0, 3, 1, 2.
    """
    by_group: Dict[int, List[int]] = {}
    for n in sorted(range(len(keys)), key=lambda n: (keys[n], n)):
        by_group.setdefault(int(groups[n]), []).append(n)
    rounds: Dict[int, List[int]] = {}
    for members in by_group.values():
        for r, n in enumerate(members):
            rounds.setdefault(r, []).append(n)
    return [n for r in sorted(rounds) for n in sorted(rounds[r], key=lambda n: (keys[n], n))]


def model_predictions(
    lib: Library,
    rows: Sequence[dict],
    run_id: Optional[str] = None,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> Dict[int, Prediction]:
    """The active (or given) model's predictions by image id: every character's probability, best
    first, and "unknown" as recognition decides it (open set, or the probability threshold)."""
    from animeid_desktop.core.recognition.recognizer import Recognizer

    rec = Recognizer.load(lib, run_id)
    preds = rec.predict_rows(lib, rows, top_k=len(rec.classes), on_progress=on_progress, should_stop=should_stop)
    return {int(p.image_id): p for p in preds if p.image_id is not None}


def margin_of(probs: Sequence[float]) -> float:
    """Top-1 minus top-2 probability."""
    top2 = np.sort(np.asarray(probs, dtype=np.float64))[::-1][:2]
    return float(top2[0] - (top2[1] if len(top2) > 1 else 0.0))


def label_next_queue(
    lib: Library,
    limit: Optional[int] = None,
    image_ids: Optional[Sequence[int]] = None,
    use_model: bool = True,
    config: Optional[FeatureConfig] = None,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> List[QueueItem]:
    """The unlabelled images (or ``image_ids``) in the order worth labelling, at most ``limit``."""
    if image_ids is None:
        image_ids = [r["id"] for r in lib.query(
            "SELECT i.id FROM images i LEFT JOIN labels l ON l.image_id = i.id "
            "WHERE i.status = 'ok' AND l.image_id IS NULL ORDER BY i.id")]
    rows = image_rows(lib, image_ids)
    if not rows:
        return []
    preds: Dict[int, Prediction] = {}
    if use_model and active_run_id(lib):
        preds = model_predictions(lib, rows, None, on_progress, should_stop)
    clustering = cluster_images(lib, image_ids=[r["id"] for r in rows], min_size=1, config=config, save=False,
                                on_progress=on_progress, should_stop=should_stop)
    group_of: Dict[int, int] = {}
    typical_rank: Dict[int, int] = {}
    for c in clustering.clusters:
        for rank, image_id in enumerate(c.image_ids):
            group_of[image_id], typical_rank[image_id] = c.id, rank
    items: List[QueueItem] = []
    keys: List[float] = []
    path_of = {r["id"]: r["path"] for r in rows}
    for image_id in clustering.ids:
        p = preds.get(image_id)
        if p is not None:
            margin = margin_of([s for _c, s in p.top])
            items.append(QueueItem(image_id, path_of[image_id], margin, p.top[:3], group_of[image_id], p.unknown))
            keys.append(margin)
        else:
            items.append(QueueItem(image_id, path_of[image_id], None, [], group_of[image_id]))
            keys.append(1.0 + typical_rank[image_id] + group_of[image_id] / (len(clustering.clusters) + 1.0))
    if preds:  # images the model could not see go last
        keys = [k if it.margin is not None else 10.0 + k for k, it in zip(keys, items)]
    ordered = [items[n] for n in interleave(keys, [it.group for it in items])]
    return ordered[:limit] if limit else ordered


def order_for_labelling(lib: Library, image_ids: Sequence[int], config: Optional[FeatureConfig] = None,
                        on_progress: Optional[ProgressFn] = None, should_stop: Optional[StopFn] = None) -> List[int]:
    """``image_ids`` reordered most useful first (for the suggestions view's sort)."""
    queue = label_next_queue(lib, None, image_ids, True, config, on_progress, should_stop)
    seen = {it.image_id for it in queue}
    return [it.image_id for it in queue] + [int(i) for i in image_ids if int(i) not in seen]
