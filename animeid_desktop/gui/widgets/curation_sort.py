"""A sort choice for image lists: as listed, or "most useful to label first" (active learning)."""

from __future__ import annotations

from typing import Callable, List, Optional

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox

from animeid_desktop.core.curation.active_learning import order_for_labelling
from animeid_desktop.gui.jobs import Job

USEFUL = "useful"


class LabelNextSort(QComboBox):
    """``order(ids, apply)`` calls ``apply`` with the ids at once, and again reordered when the
    "most useful first" order (computed in a background job) is chosen and ready."""

    changed = Signal()

    def __init__(self, session, default_text: Optional[str] = None, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.job: Optional[Job] = None
        self.addItem(default_text or self.tr("Most confident first"), "default")
        self.addItem(self.tr("Most useful to label first"), USEFUL)
        self.setToolTip(self.tr("Most useful: the pictures the model is least sure about, taking turns between "
                                "look-alike groups (labelling these teaches it most)"))
        self.currentIndexChanged.connect(lambda _n: self.changed.emit())

    def useful(self) -> bool:
        return self.currentData() == USEFUL

    def order(self, ids: List[int], apply: Callable[[List[int]], None]) -> None:
        apply(ids)
        lib = self.session.lib
        if not self.useful() or lib is None or not ids:
            return
        job = self.session.runner.job("label-next-order", lambda c: order_for_labelling(
            lib, ids, on_progress=c.progress, should_stop=c.should_stop), lib=lib,
            title=self.tr("Sorting by usefulness"))
        job.succeeded.connect(lambda ordered: apply(ordered) if self.useful() else None)
        self.job = job
        job.start()
