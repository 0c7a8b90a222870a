"""The pages of the main window, in navigation order.

Each module in :data:`PAGE_MODULES` defines ``PAGE`` (a
:class:`~animeid_desktop.gui.pages.base.PageSpec`); every listed module must exist, so a misspelt
name fails at start-up. To add a page, create ``gui/pages/<name>.py`` with ``PAGE`` and list it here.
"""

from __future__ import annotations

import importlib
from typing import List

from animeid_desktop.gui.pages.base import PageSpec

PAGE_MODULES = [
    "gallery_page",
    "suggestions_page",
    "training_page",
    "recognition_page",
    "benchmark_page",
    "clusters_page",
    "duplicates_page",
    "health_page",
]


def page_specs() -> List[PageSpec]:
    """The pages of :data:`PAGE_MODULES`, in navigation order."""
    return [importlib.import_module(f"{__name__}.{name}").PAGE for name in PAGE_MODULES]
