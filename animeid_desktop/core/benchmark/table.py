"""The benchmark as a table: one column set shared by the CLI, the page's table and its CSV/Markdown export."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Sequence

DASH = "—"


def format_duration(seconds: Optional[float]) -> str:
    """``45 s``, ``3 m 12 s``, ``2 h 45 m`` (the reference write-up's style); ``—`` for None."""
    if seconds is None:
        return DASH
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} m" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} m {secs} s" if secs else f"{minutes} m"
    return f"{secs} s"


def _num(digits: int) -> Callable[[Any], str]:
    return lambda v: DASH if v is None else f"{float(v):,.{digits}f}"


def _pct(v: Any) -> str:
    return DASH if v is None else f"{float(v) * 100:.2f}%"


def _millions(v: Any) -> str:
    return DASH if v is None else f"{int(v) / 1e6:.2f} M"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True)
class Column:
    """One table column: record key, header (with unit), text formatter, raw value for CSV."""

    key: str
    header: str
    text: Callable[[Any], str]
    digits: Optional[int] = None  # rounding of the raw CSV value (None = as is)


COLUMNS: List[Column] = [
    Column("title", "Model", lambda v: str(v or DASH)),
    Column("ms_b1_mean", "ms/image (batch 1)", _num(1), 3),
    Column("ms_b1_p95", "p95 ms (batch 1)", _num(1), 3),
    Column("ms_bn_mean", "ms/image (batch N)", _num(1), 3),
    Column("ms_bn_p95", "p95 ms/image (batch N)", _num(1), 3),
    Column("images_per_s_b1", "images/s (batch 1)", _num(1), 2),
    Column("images_per_s", "images/s (batch N)", _num(1), 2),
    Column("params", "parameters", _millions),
    Column("file_mb", "file MB", _num(1), 2),
    Column("peak_mem_mb", "peak memory MB", _num(0), 1),
    Column("device_peak_mem_mb", "GPU memory MB", _num(0), 1),
    Column("best_val_acc", "best val acc", _pct, 4),
    Column("final_val_acc", "final val acc", _pct, 4),
    Column("train_seconds", "training time", format_duration, 0),
    Column("n_val", "val images", lambda v: DASH if v is None else str(int(v))),
    Column("mode", "mode", lambda v: str(v or DASH)),
    Column("weights", "timed weights", lambda v: _clip(str(v or DASH), 34)),
]


def cell(record: Dict[str, Any], column: Column) -> str:
    """The text of one cell; accuracy and training cells of an untrained model say "not trained"."""
    if column.key in ("best_val_acc", "final_val_acc", "train_seconds") and not record.get("trained"):
        return "not trained"
    if column.key == "title" and record.get("offline_default"):
        return f"{record.get('title')} (offline default)"
    if column.key == "ms_b1_mean" and record.get("status") == "failed":
        return "failed"
    return column.text(record.get(column.key))


def rows(records: Sequence[Dict[str, Any]]) -> List[List[str]]:
    """Formatted cells, one list per record, in :data:`COLUMNS` order."""
    return [[cell(r, c) for c in COLUMNS] for r in records]


def to_markdown(records: Sequence[Dict[str, Any]], columns: Sequence[Column] = COLUMNS) -> str:
    """A GitHub-flavoured Markdown table of the records."""
    head = "| " + " | ".join(c.header for c in columns) + " |"
    rule = "|" + "|".join("---" if c.key in ("title", "mode", "weights") else "---:" for c in columns) + "|"
    body = ["| " + " | ".join(cell(r, c).replace("|", "\\|") for c in columns) + " |" for r in records]
    return "\n".join([head, rule, *body]) + "\n"


def to_csv(records: Sequence[Dict[str, Any]]) -> str:
    """CSV with raw numbers (empty = not measured) plus the machine columns, for spreadsheets."""
    extra = ["model", "batch", "device", "precision", "threads", "input_size", "status", "error", "measured_at"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.header for c in COLUMNS] + extra)
    for r in records:
        values = []
        for c in COLUMNS:
            v = r.get(c.key)
            if isinstance(v, float) and c.digits is not None:
                v = round(v, c.digits)
            values.append("" if v is None else v)
        writer.writerow(values + ["" if r.get(k) is None else r.get(k) for k in extra])
    return out.getvalue()


def to_text(records: Sequence[Dict[str, Any]]) -> str:
    """A plain aligned table for the terminal."""
    table = [[c.header for c in COLUMNS]] + rows(records)
    widths = [max(len(row[i]) for row in table) for i in range(len(COLUMNS))]
    lines = ["  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(row, widths)))
             for row in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def machine_line(records: Sequence[Dict[str, Any]]) -> str:
    """``cpu · bf16 · 2 threads · batch N = 8`` from the first measured record."""
    r = next((r for r in records if r.get("device")), None)
    if r is None:
        return "nothing measured"
    return (f"{r['device']} · {r.get('precision')} · {r.get('threads')} threads · batch N = {r.get('batch')} · "
            f"{r.get('repeats')} timed runs at batch 1 · forward pass only (no decoding)")
