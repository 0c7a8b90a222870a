"""Load ``packaging/bundle_plan.py`` by path (``packaging/`` is not a Python package: the name is taken)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def load_plan():
    """A fresh module object for packaging/bundle_plan.py."""
    spec = importlib.util.spec_from_file_location("animeid_bundle_plan", PACKAGING / "bundle_plan.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def plan():
    """The bundle plan module (reloaded per test, so monkeypatching stays local)."""
    return load_plan()
