"""The pages of the main window, in navigation order.

Each module in :data:`PAGE_MODULES` that exists defines ``PAGE`` (a
:class:`~animeid_desktop.gui.pages.base.PageSpec`); a module that does not exist (yet) is skipped,
like the CLI's command modules. To add a page, create ``gui/pages/<name>.py`` with ``PAGE`` and list
it here.
"""

from __future__ import annotations

import importlib
import importlib.util
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
    """The available pages, in navigation order."""
    specs = []
    for name in PAGE_MODULES:
        full = f"{__name__}.{name}"
        if importlib.util.find_spec(full) is not None:
            specs.append(importlib.import_module(full).PAGE)
    return specs
