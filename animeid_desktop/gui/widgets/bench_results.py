"""The comparison page's numbers: the table of every measurement and the recommendation text."""

from __future__ import annotations

import html
from typing import Any, Dict, List, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QTextBrowser

from animeid_desktop.core.benchmark import table as benchmark_table
from animeid_desktop.core.benchmark.recommend import Recommendation
from animeid_desktop.gui import bench_text, style


class BenchTable(QTableWidget):
    """One row per model, the columns of :data:`benchmark_table.COLUMNS`; failures in the tooltip."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, len(benchmark_table.COLUMNS), parent)
        self.setHorizontalHeaderLabels([bench_text.header(c) for c in benchmark_table.COLUMNS])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)

    def set_records(self, records: Sequence[Dict[str, Any]]) -> None:
        rows = [[bench_text.cell(r, c) for c in benchmark_table.COLUMNS] for r in records]
        self.setRowCount(len(rows))
        for r, (record, cells) in enumerate(zip(records, rows)):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c > 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                tips = [record.get("error") or "", record.get("file_source") or "",
                        bench_text.training(record, record.get("training") or "")]
                item.setToolTip("\n".join(t for t in tips if t))
                self.setItem(r, c, item)
        self.resizeColumnsToContents()

    def cell_text(self, row: int, header: str) -> str:
        """The text in ``row`` under the column titled ``header`` (for tests)."""
        col = [c.header for c in benchmark_table.COLUMNS].index(header)
        item = self.item(row, col)
        return item.text() if item is not None else ""


class RecommendationView(QTextBrowser):
    """The goal and deployment picks with one sentence each, then the warnings."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.recommendation: Recommendation | None = None

    def show_recommendation(self, rec: Recommendation, footnotes: List[str],
                            records: Sequence[Dict[str, Any]] = ()) -> None:
        """The picks and warnings of ``rec``, their sentences composed from ``records`` in the user's language."""
        self.recommendation = rec
        parts = []
        for group, heading in (("goal", self.tr("What matters most to you?")),
                               ("deployment", self.tr("Where will it run?"))):
            parts.append(f"<h4 style='margin:6px 0 2px 0'>{heading}</h4><table cellspacing='0' cellpadding='3'>")
            for p in (p for p in rec.picks if p.group == group):
                model = html.escape(p.title or "—")
                parts.append(f"<tr><td><b>{html.escape(bench_text.label(p))}</b></td>"
                             f"<td><b style='color:{style.ACCENT}'>{model}</b></td>"
                             f"<td>{html.escape(bench_text.reason(p, records))}</td></tr>")
            parts.append("</table>")
        for warning in bench_text.warnings(rec, records):
            parts.append(f"<p style='color:{style.WARN}'>⚠ {html.escape(warning)}</p>")
        for note in footnotes:
            parts.append(f"<p style='color:{style.MUTED}'>{html.escape(note)}</p>")
        self.setHtml("".join(parts))
