"""The Benchmark page's words in the user's language, composed from the core's records.

The core (Qt-free) writes its recommendation, table and machine line in English for the CLI; the page
composes the same sentences here with Qt's translation from the records' fields and the picks' keys.
Text the core makes that is not known here passes through unchanged.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, List, Mapping, Optional, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from animeid_desktop.core.benchmark import table as benchmark_table
from animeid_desktop.core.benchmark.recommend import PROFILES, Pick, Recommendation, noise_margin, within_noise

translate = QCoreApplication.translate
Record = Mapping[str, Any]

HEADERS = {
    "title": QT_TRANSLATE_NOOP("BenchText", "Model"),
    "ms_b1_mean": QT_TRANSLATE_NOOP("BenchText", "ms/image (batch 1)"),
    "ms_b1_p95": QT_TRANSLATE_NOOP("BenchText", "p95 ms (batch 1)"),
    "ms_bn_mean": QT_TRANSLATE_NOOP("BenchText", "ms/image (batch N)"),
    "ms_bn_p95": QT_TRANSLATE_NOOP("BenchText", "p95 ms/image (batch N)"),
    "images_per_s_b1": QT_TRANSLATE_NOOP("BenchText", "images/s (batch 1)"),
    "images_per_s": QT_TRANSLATE_NOOP("BenchText", "images/s (batch N)"),
    "params": QT_TRANSLATE_NOOP("BenchText", "parameters"),
    "file_mb": QT_TRANSLATE_NOOP("BenchText", "file MB"),
    "peak_mem_mb": QT_TRANSLATE_NOOP("BenchText", "peak memory MB"),
    "device_peak_mem_mb": QT_TRANSLATE_NOOP("BenchText", "GPU memory MB"),
    "best_val_acc": QT_TRANSLATE_NOOP("BenchText", "best val acc"),
    "final_val_acc": QT_TRANSLATE_NOOP("BenchText", "final val acc"),
    "train_seconds": QT_TRANSLATE_NOOP("BenchText", "training time"),
    "n_val": QT_TRANSLATE_NOOP("BenchText", "val images"),
    "mode": QT_TRANSLATE_NOOP("BenchText", "mode"),
    "weights": QT_TRANSLATE_NOOP("BenchText", "timed weights"),
}
MODES = {"head": QT_TRANSLATE_NOOP("BenchText", "head"), "finetune": QT_TRANSLATE_NOOP("BenchText", "finetune")}
WEIGHTS = {"trained run": QT_TRANSLATE_NOOP("BenchText", "trained run"),
           "random init (timing only)": QT_TRANSLATE_NOOP("BenchText", "random init (timing only)")}
RUN_STATES = {"cancelled": QT_TRANSLATE_NOOP("BenchText", "cancelled"),
              "failed": QT_TRANSLATE_NOOP("BenchText", "failed"),
              "running": QT_TRANSLATE_NOOP("BenchText", "running")}
STAGES = {"starting": QT_TRANSLATE_NOOP("BenchText", "starting"), "loading": QT_TRANSLATE_NOOP("BenchText", "loading"),
          "saving": QT_TRANSLATE_NOOP("BenchText", "saving"), "done": QT_TRANSLATE_NOOP("BenchText", "done")}
LABELS = {
    "highest_accuracy": QT_TRANSLATE_NOOP("BenchText", "Highest accuracy"),
    "best_balance": QT_TRANSLATE_NOOP("BenchText", "Best balance"),
    "resource_bound": QT_TRANSLATE_NOOP("BenchText", "Resource-bound"),
    "mobile_edge": QT_TRANSLATE_NOOP("BenchText", "Mobile / edge"),
    "desktop_web": QT_TRANSLATE_NOOP("BenchText", "Desktop / web service"),
    "server": QT_TRANSLATE_NOOP("BenchText", "Server"),
}
FIXED = (  # the core's reasons when no model can be picked
    QT_TRANSLATE_NOOP("BenchText", "No measurements yet: run the benchmark."),
    QT_TRANSLATE_NOOP("BenchText", "Not enough measurements to decide; run the benchmark."),
    QT_TRANSLATE_NOOP("BenchText", "No model is trained yet: train them (\"Train all four\") to compare accuracy."),
)


ABOUT = (  # the model registry's one-line descriptions
    QT_TRANSLATE_NOOP("BenchText", "fast on a CPU; ImageNet weights ship with the program (fine-tune default)"),
    QT_TRANSLATE_NOOP("BenchText", "Lite0 trained on anime characters; ships with the program (instant default)"),
    QT_TRANSLATE_NOOP("BenchText", "smallest and fastest; a little less accurate"),
    QT_TRANSLATE_NOOP("BenchText", "accurate, slower than Lite0 on a CPU"),
    QT_TRANSLATE_NOOP("BenchText", "most accurate; needs a GPU to fine-tune in reasonable time"),
    QT_TRANSLATE_NOOP("BenchText", "classic large backbone; slow on a CPU"),
)


def about(description: str) -> str:
    """A model's description from the registry in the user's language (unknown ones unchanged)."""
    return translate("BenchText", description) if description in ABOUT else description


def names(titles: Iterable[Any]) -> str:
    """``A, B, C`` with the user's language's list separator."""
    return translate("BenchText", ", ").join(str(t) for t in titles)


def mode_name(mode: str) -> str:
    """``head`` / ``finetune`` in the user's language."""
    return translate("BenchText", MODES[mode]) if mode in MODES else mode


def header(column: benchmark_table.Column) -> str:
    return translate("BenchText", HEADERS[column.key]) if column.key in HEADERS else column.header


def duration(seconds: Optional[float]) -> str:
    """``3 m 12 s`` in the user's language."""
    if seconds is None:
        return benchmark_table.DASH
    hours, rest = divmod(max(0, int(round(seconds))), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return translate("BenchText", "{h} h {m} m").format(h=hours, m=minutes)
    if minutes:
        return translate("BenchText", "{m} m {s} s").format(m=minutes, s=secs)
    return translate("BenchText", "{s} s").format(s=secs)


def cell(record: Record, column: benchmark_table.Column) -> str:
    """The table cell of :func:`benchmark_table.cell`, its words translated."""
    text = benchmark_table.cell(dict(record), column)
    if text == "not trained":
        return translate("BenchText", "not trained")
    if column.key == "title" and record.get("offline_default"):
        return translate("BenchText", "{title} (offline default)").format(title=record.get("title"))
    if column.key == "ms_b1_mean" and text == "failed":
        return translate("BenchText", "failed")
    if column.key == "train_seconds":
        return duration(record.get("train_seconds"))
    if column.key == "training":
        return training(record, text)
    if column.key == "mode" and record.get("mode") in MODES:
        return mode_name(record["mode"])
    if column.key == "weights" and record.get("weights") in WEIGHTS:
        return translate("BenchText", WEIGHTS[record["weights"]])
    return text


def training(record: Record, text: str) -> str:
    """The training cell (``head run 2026…`` or ``not trained``) in the user's language."""
    if not record.get("trained"):
        return translate("BenchText", "not trained")
    match = re.fullmatch(r"(\w+) run (\S+)(?: \((\w+)\))?", text)
    if match is None or match.group(1) not in MODES:
        return text
    line = translate("BenchText", "{mode} run {run}").format(mode=mode_name(match.group(1)), run=match.group(2))
    status = match.group(3)
    if status is None:
        return line
    status = translate("BenchText", RUN_STATES[status]) if status in RUN_STATES else status
    return translate("BenchText", "{run} ({status})").format(run=line, status=status)


def progress(message: str) -> str:
    """A benchmark job's progress line (``EfficientNet-B0: batch 1``) in the user's language."""
    match = re.fullmatch(r"(.+): (starting|loading|batch (\d+|N)|saving|done)", message or "")
    if match is None:
        return message
    stage = match.group(2)
    if match.group(3):
        stage = translate("BenchText", "batch {n}").format(n=match.group(3))
    else:
        stage = translate("BenchText", STAGES[stage])
    return translate("BenchText", "{model}: {stage}").format(model=match.group(1), stage=stage)


def machine_line(records: Sequence[Record]) -> str:
    r = next((r for r in records if r.get("device")), None)
    if r is None:
        return translate("BenchText", "nothing measured")
    return translate("BenchText", "{device} · {precision} · %n threads · batch N = {batch} · {repeats} timed runs at "
                     "batch 1 · forward pass only (no decoding)", None, int(r.get("threads") or 0)).format(
        device=r["device"], precision=r.get("precision"), batch=r.get("batch"), repeats=r.get("repeats"))


# ------------------------------------------------------------------------------ recommendation
def label(pick: Pick) -> str:
    return translate("BenchText", LABELS[pick.key]) if pick.key in LABELS else pick.label


def _acc(r: Record) -> str:
    acc = r.get("best_val_acc")
    if acc is None:
        return translate("BenchText", "accuracy not measured")
    return translate("BenchText", "{acc} validation accuracy").format(acc=f"{acc:.1%}")


def _cost(r: Record) -> str:
    ms, mb = r.get("ms_b1_mean"), r.get("file_mb")
    if mb is None:
        return translate("BenchText", "{ms} ms/image").format(ms=f"{ms:,.1f}")
    return translate("BenchText", "{ms} ms/image, {mb} MB file").format(ms=f"{ms:,.1f}", mb=f"{mb:,.1f}")


def _memory(r: Record) -> str:
    mem = r.get("peak_mem_mb")
    return "" if mem is None else translate("BenchText", ", {mem} MB extra memory").format(mem=f"{mem:.0f}")


def _sentence(key: str, r: Record, runner_up: Optional[Record]) -> str:
    """The pick's sentence without its final full stop."""
    fields = {"title": r.get("title") or r.get("model"), "acc": _acc(r), "cost": _cost(r), "mem": _memory(r)}
    if key == "highest_accuracy":
        best = f"{r.get('best_val_acc'):.1%}"
        if runner_up is None:
            return translate("BenchText", "{title} reached the best validation accuracy, {best}").format(
                best=best, **fields)
        gap = (r["best_val_acc"] - runner_up["best_val_acc"]) * 100
        return translate("BenchText", "{title} reached the best validation accuracy, {best}, {gap} points ahead of "
                         "{other}").format(best=best, gap=f"{gap:.1f}", other=runner_up.get("title"), **fields)
    if key == "best_balance":
        return translate("BenchText", "{title} gives the best trade-off measured here: {acc} at {cost}").format(
            **fields)
    if key == "resource_bound":
        return translate("BenchText", "{title} needs the least: {cost}{mem}").format(**fields)
    if key == "mobile_edge":
        return translate("BenchText", "{title} has the smallest footprint for its accuracy: {cost}{mem}, {acc}").format(
            **fields)
    if key == "desktop_web":
        p95 = r.get("ms_b1_p95")
        tail = "" if p95 is None else translate("BenchText", " (p95 {p95} ms)").format(p95=f"{p95:,.1f}")
        return translate("BenchText", "{title} answers one image fastest for its accuracy: {ms} ms{tail} with "
                         "{acc}").format(ms=f"{r['ms_b1_mean']:,.1f}", tail=tail, **fields)
    batch = r.get("batch")
    at = translate("BenchText", " at batch {batch}").format(batch=batch) if batch else ""
    return translate("BenchText", "{title} puts accuracy first ({acc}) and still processes {ips} images/s{at}").format(
        ips=f"{r.get('images_per_s'):.1f}", at=at, **fields)


def _trained(records: Sequence[Record]) -> List[Record]:
    return [r for r in records if r.get("status") in (None, "measured") and r.get("ms_b1_mean") is not None
            and r.get("best_val_acc") is not None]


def reason(pick: Pick, records: Sequence[Record]) -> str:
    """The pick's sentence in the user's language (the core's text when it cannot be composed)."""
    by_model = {r.get("model"): r for r in records}
    r = by_model.get(pick.model)
    if r is None or r.get("ms_b1_mean") is None:
        return translate("BenchText", pick.reason) if pick.reason in FIXED else pick.reason
    ranked = list(pick.scores)
    runner_up = by_model.get(ranked[1]) if pick.key == "highest_accuracy" and len(ranked) > 1 else None
    sentence = _sentence(pick.key, r, runner_up)
    weights = PROFILES.get(pick.key, ("", "", {}))[2]
    if pick.key != "highest_accuracy" and weights.get("accuracy", 0) > 0 and not _trained(records):
        return translate("BenchText", "{sentence} (speed and size only: no model is trained yet).").format(
            sentence=sentence)
    return translate("BenchText", "{sentence}.").format(sentence=sentence)


def _noise_warnings(top: Record, trained: Sequence[Record]) -> List[str]:
    close = [o for o in trained if o is not top and within_noise(top, o)]
    unknown = [o for o in trained if o is not top and within_noise(top, o) is None]
    out = []
    if close:
        listed = names(translate("BenchText", "{model} ({acc})").format(
            model=o.get("title"), acc=f"{o['best_val_acc']:.1%}") for o in close)
        margin = max(noise_margin(top, o) for o in close) * 100
        out.append(translate("BenchText", "{top} ({acc}) is not reliably more accurate than {names}: on a %n-image "
                             "validation set differences up to about {margin} points are noise; treat them as "
                             "equally accurate and choose by speed and size.", None, int(top["n_val"])).format(
            top=top.get("title"), acc=f"{top['best_val_acc']:.1%}", names=listed, margin=f"{margin:.1f}"))
    if unknown or top.get("n_val") is None:
        out.append(translate("BenchText", "The validation-set size of some runs is unknown, so it cannot be told "
                             "whether their accuracy differences are real."))
    return out


def _warnings(records: Sequence[Record], best: Optional[str]) -> List[str]:
    trained = _trained(records)
    if len(trained) < 2:
        return []
    top = next((r for r in trained if r.get("model") == best), None)
    out = _noise_warnings(top, trained) if top is not None else []
    if len({bool(r["pretrained"]) for r in trained if r.get("pretrained") is not None}) > 1:
        cold = [str(r.get("title")) for r in trained if r.get("pretrained") is False]
        if len(cold) == 1:
            text = translate("BenchText", "{names} was trained from random weights (no pretrained weights were "
                             "available), so their accuracy is not comparable with the pretrained models'.")
        else:
            text = translate("BenchText", "{names} were trained from random weights (no pretrained weights were "
                             "available), so their accuracy is not comparable with the pretrained models'.")
        out.append(text.format(names=names(cold)))
    modes = sorted({r["mode"] for r in trained if r.get("mode")})
    if len(modes) > 1:
        shown = names(mode_name(m) for m in modes)
        out.append(translate("BenchText", "The runs used different training modes ({modes}); compare models trained "
                             "the same way (\"Train all four\" does).").format(modes=shown))
    return out


def warnings(rec: Recommendation, records: Sequence[Record]) -> List[str]:
    """The recommendation's warnings in the user's language (the core's when they cannot be matched)."""
    best = next((p.model for p in rec.picks if p.key == "highest_accuracy"), None)
    composed = _warnings(records, best)
    return composed if len(composed) == len(rec.warnings) else list(rec.warnings)

