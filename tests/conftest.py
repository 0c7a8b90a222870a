"""Shared fixtures: temporary libraries and generated image folders (no network, no real data)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The GUI is in English in tests, whatever the developer's locale or setting (tests asking for
# another language install it themselves).
os.environ["ANIMEID_LANGUAGE"] = "en"
# Tests never touch the network (no weight downloads).
os.environ.setdefault("ANIMEID_OFFLINE", "1")
# Tests never touch the network (no weight downloads).
os.environ.setdefault("ANIMEID_OFFLINE", "1")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
NEWGAME8 = SHARED / "datasets" / "newgame8"


@pytest.fixture
def library(tmp_path):
    """An empty library in a temporary folder."""
    from animeid_desktop.core.library.folder import Library

    lib = Library.open(tmp_path / "lib")
    yield lib
    lib.close()


@pytest.fixture
def newgame8() -> Path:
    """The real benchmark dataset; the test is skipped when it is absent."""
    if not NEWGAME8.is_dir():
        pytest.skip("../shared/datasets/newgame8 is not present")
    return NEWGAME8
