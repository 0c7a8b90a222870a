"""Which model to use, computed from measured benchmark records (never from fixed opinions).

Every pick scores the candidates by a weighted geometric mean of *relative* measurements, 1.0 being
the best candidate on that measurement: accuracy as the error-rate ratio ``min_error / error`` (so
93% vs 90% counts as 30% fewer mistakes, not 3% more accuracy), latency ``fastest_ms / ms``,
throughput ``images_per_s / most``, size ``smallest_MB / MB`` and memory ``least_MB / MB``. The
weights of each pick are in :data:`PROFILES`. Accuracy-weighted picks consider trained models only,
and among them none that makes more than :data:`MAX_ERROR_RATIO` times the mistakes of the most
accurate one (a small model is no bargain when it is wrong twice as often). Before any model is
trained they fall back to the cost measurements and say so.

Noise: two validation accuracies ``p1, p2`` on ``n1, n2`` images differ by less than the noise when
``|p1 - p2| < 2 * sqrt(p1(1-p1)/n1 + p2(1-p2)/n2)`` (binomial standard errors, with ``p`` smoothed as
``(k+1)/(n+2)`` so a perfect score still has an error bar).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

NOISE_SE = 2.0
MIN_ERROR = 1e-3
MAX_ERROR_RATIO = 2.0

# metric -> (record field, higher is better); accuracy is compared as its error rate, so lower is better
METRICS: Dict[str, Tuple[str, bool]] = {
    "accuracy": ("best_val_acc", False),
    "latency": ("ms_b1_mean", False),
    "throughput": ("images_per_s", True),
    "size": ("file_mb", False),
    "memory": ("peak_mem_mb", False),
}

# key -> (label, group, weights)
PROFILES: Dict[str, Tuple[str, str, Dict[str, float]]] = {
    "highest_accuracy": ("Highest accuracy", "goal", {"accuracy": 1.0}),
    "best_balance": ("Best balance", "goal", {"accuracy": 0.5, "latency": 0.25, "size": 0.25}),
    "resource_bound": ("Resource-bound", "goal", {"latency": 1 / 3, "size": 1 / 3, "memory": 1 / 3}),
    "mobile_edge": ("Mobile / edge", "deployment",
                    {"size": 0.35, "memory": 0.25, "latency": 0.2, "accuracy": 0.2}),
    "desktop_web": ("Desktop / web service", "deployment",
                    {"accuracy": 0.4, "latency": 0.4, "memory": 0.1, "size": 0.1}),
    "server": ("Server", "deployment", {"accuracy": 0.7, "throughput": 0.3}),
}


@dataclass
class Pick:
    """One recommendation: which model for which purpose, and one sentence why."""

    key: str
    label: str
    group: str  # "goal" or "deployment"
    model: Optional[str]
    title: Optional[str]
    reason: str
    scores: Dict[str, float] = field(default_factory=dict)


@dataclass
class Recommendation:
    """The three goal picks, the three deployment picks and the warnings that qualify them."""

    picks: List[Pick]
    warnings: List[str]

    def pick(self, key: str) -> Pick:
        return next(p for p in self.picks if p.key == key)

    def to_json(self) -> Dict[str, Any]:
        return {"picks": [asdict(p) for p in self.picks], "warnings": list(self.warnings)}

    def to_text(self) -> str:
        """Plain text: one line per pick, then the warnings."""
        lines = [f"{p.label}: {p.title or '—'} — {p.reason}" for p in self.picks]
        lines += [f"Warning: {w}" for w in self.warnings]
        return "\n".join(lines)


# ------------------------------------------------------------------------------ numbers
def _get(record: Any, key: str) -> Any:
    return record.get(key) if isinstance(record, Mapping) else getattr(record, key, None)


def _value(record: Any, metric: str) -> Optional[float]:
    key, _higher = METRICS[metric]
    value = _get(record, key)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    value = float(value)
    if metric == "accuracy":
        return max(1.0 - value, MIN_ERROR)  # compared as error rates
    return value if value > 0 else None


def relative(records: Sequence[Any], metric: str) -> List[Optional[float]]:
    """Each record's measurement relative to the best one (1.0 = best; None = not measured)."""
    values = [_value(r, metric) for r in records]
    present = [v for v in values if v is not None]
    if not present:
        return [None] * len(values)
    higher = METRICS[metric][1]
    best = max(present) if higher else min(present)
    return [None if v is None else (v / best if higher else best / v) for v in values]


def standard_error(acc: float, n: int) -> float:
    """Binomial standard error of an accuracy on ``n`` images (smoothed so 0% and 100% have one)."""
    p = (acc * n + 1.0) / (n + 2.0)
    return math.sqrt(p * (1.0 - p) / n)


def noise_margin(a: Any, b: Any) -> Optional[float]:
    """Two standard errors of the difference of two records' accuracies (None: a size is unknown)."""
    pa, pb, na, nb = (_get(a, "best_val_acc"), _get(b, "best_val_acc"), _get(a, "n_val"), _get(b, "n_val"))
    if None in (pa, pb) or not na or not nb:
        return None
    return NOISE_SE * math.sqrt(standard_error(pa, int(na)) ** 2 + standard_error(pb, int(nb)) ** 2)


def within_noise(a: Any, b: Any) -> Optional[bool]:
    """Whether the accuracies of two records differ by less than 2 standard errors (None: n unknown)."""
    margin = noise_margin(a, b)
    return None if margin is None else abs(_get(a, "best_val_acc") - _get(b, "best_val_acc")) < margin


# ------------------------------------------------------------------------------ picking
def _usable(records: Sequence[Any]) -> List[Any]:
    return [r for r in records if _get(r, "status") in (None, "measured") and _get(r, "ms_b1_mean") is not None]


def _score(records: Sequence[Any], weights: Mapping[str, float]) -> List[Optional[float]]:
    rel = {m: relative(records, m) for m in weights}
    scores: List[Optional[float]] = []
    for i in range(len(records)):
        if any(rel[m][i] is None for m in weights if weights[m] > 0):
            scores.append(None)
            continue
        total = sum(weights.values())
        scores.append(math.exp(sum(w * math.log(rel[m][i]) for m, w in weights.items() if w > 0) / total))
    return scores


def _fmt_acc(r: Any) -> str:
    acc = _get(r, "best_val_acc")
    return "accuracy not measured" if acc is None else f"{acc:.1%} validation accuracy"


def _reason(key: str, r: Any, runner_up: Optional[Any], no_accuracy: bool) -> str:
    title = _get(r, "title") or _get(r, "model")
    ms, mb, mem, ips = (_get(r, k) for k in ("ms_b1_mean", "file_mb", "peak_mem_mb", "images_per_s"))
    cost = f"{ms:,.1f} ms/image, {mb:,.1f} MB file" if mb is not None else f"{ms:,.1f} ms/image"
    if key == "highest_accuracy":
        text = f"{title} reached the best validation accuracy, {_get(r, 'best_val_acc'):.1%}"
        if runner_up is not None:
            gap = (_get(r, "best_val_acc") - _get(runner_up, "best_val_acc")) * 100
            text += f", {gap:.1f} points ahead of {_get(runner_up, 'title')}"
        sentence = text + "."
    elif key == "best_balance":
        sentence = f"{title} gives the best trade-off measured here: {_fmt_acc(r)} at {cost}."
    elif key == "resource_bound":
        mem_text = f", {mem:.0f} MB extra memory" if mem is not None else ""
        sentence = f"{title} needs the least: {cost}{mem_text}."
    elif key == "mobile_edge":
        mem_text = f", {mem:.0f} MB extra memory" if mem is not None else ""
        sentence = f"{title} has the smallest footprint for its accuracy: {cost}{mem_text}, {_fmt_acc(r)}."
    elif key == "desktop_web":
        p95 = _get(r, "ms_b1_p95")
        tail = f" (p95 {p95:,.1f} ms)" if p95 is not None else ""
        sentence = f"{title} answers one image fastest for its accuracy: {ms:,.1f} ms{tail} with {_fmt_acc(r)}."
    else:
        batch = _get(r, "batch")
        sentence = (f"{title} puts accuracy first ({_fmt_acc(r)}) and still processes {ips:.1f} images/s"
                    f"{f' at batch {batch}' if batch else ''}.")
    if no_accuracy and key != "highest_accuracy":
        sentence = sentence[:-1] + " (speed and size only: no model is trained yet)."
    return sentence


def _pick(key: str, records: Sequence[Any], trained: Sequence[Any]) -> Pick:
    label, group, weights = PROFILES[key]
    needs_accuracy = weights.get("accuracy", 0) > 0
    candidates = list(trained) if (needs_accuracy and trained) else list(records)
    if needs_accuracy and trained and key != "highest_accuracy":
        rel = relative(candidates, "accuracy")
        candidates = [r for r, v in zip(candidates, rel) if v is not None and v >= 1.0 / MAX_ERROR_RATIO]
    no_accuracy = needs_accuracy and not trained
    if no_accuracy:
        weights = {m: w for m, w in weights.items() if m != "accuracy"}
        if not weights:
            return Pick(key, label, group, None, None,
                        "No model is trained yet: train them (\"Train all four\") to compare accuracy.")
    scores = _score(candidates, weights)
    ranked = sorted(((s, i) for i, s in enumerate(scores) if s is not None),
                    key=lambda t: (-t[0], _get(candidates[t[1]], "ms_b1_mean") or 0.0))
    if not ranked:
        return Pick(key, label, group, None, None, "Not enough measurements to decide; run the benchmark.")
    best = candidates[ranked[0][1]]
    runner_up = candidates[ranked[1][1]] if len(ranked) > 1 else None
    table = {_get(candidates[i], "model"): round(s, 4) for s, i in ranked}
    return Pick(key, label, group, _get(best, "model"), _get(best, "title"),
                _reason(key, best, runner_up, no_accuracy), table)


def _warnings(trained: Sequence[Any], best: Optional[str]) -> List[str]:
    warnings: List[str] = []
    if len(trained) < 2:
        return warnings
    top = next((r for r in trained if _get(r, "model") == best), None)
    if top is not None:
        close, unknown = [], []
        for other in trained:
            if other is top:
                continue
            verdict = within_noise(top, other)
            if verdict is None:
                unknown.append(_get(other, "title"))
            elif verdict:
                close.append(other)
        if close:
            n = int(_get(top, "n_val"))
            names = ", ".join(f"{_get(r, 'title')} ({_get(r, 'best_val_acc'):.1%})" for r in close)
            margin = max(noise_margin(top, r) for r in close) * 100
            warnings.append(
                f"{_get(top, 'title')} ({_get(top, 'best_val_acc'):.1%}) is not reliably more accurate than "
                f"{names}: on a {n}-image validation set differences up to about {margin:.1f} points are "
                "noise; treat them as equally accurate and choose by speed and size.")
        if unknown or _get(top, "n_val") is None:
            warnings.append("The validation-set size of some runs is unknown, so it cannot be told whether "
                            "their accuracy differences are real.")
    if len({bool(_get(r, "pretrained")) for r in trained if _get(r, "pretrained") is not None}) > 1:
        cold = [str(_get(r, "title")) for r in trained if _get(r, "pretrained") is False]
        verb = "was" if len(cold) == 1 else "were"
        warnings.append(f"{', '.join(cold)} {verb} trained from random weights (no pretrained weights were "
                        "available), so their accuracy is not comparable with the pretrained models'.")
    modes = {_get(r, "mode") for r in trained if _get(r, "mode")}
    if len(modes) > 1:
        warnings.append("The runs used different training modes (" + ", ".join(sorted(modes)) + "); compare "
                        "models trained the same way (\"Train all four\" does).")
    return warnings


def recommend(records: Sequence[Any]) -> Recommendation:
    """Goal picks (highest accuracy, best balance, resource-bound), deployment picks, and warnings."""
    usable = _usable(records)
    trained = [r for r in usable if _get(r, "best_val_acc") is not None]
    if not usable:
        picks = [Pick(key, label, group, None, None, "No measurements yet: run the benchmark.")
                 for key, (label, group, _w) in PROFILES.items()]
        return Recommendation(picks, [])
    picks = [_pick(key, usable, trained) for key in PROFILES]
    best = next(p.model for p in picks if p.key == "highest_accuracy")
    return Recommendation(picks, _warnings(trained, best))
