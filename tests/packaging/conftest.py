"""Load the modules of ``packaging/`` by path (``packaging/`` is not a Python package: the name is taken)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def load_plan(file: str = "bundle_plan.py"):
    """A fresh module object for a module in packaging/."""
    spec = importlib.util.spec_from_file_location(f"animeid_{file[:-3]}", PACKAGING / file)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def plan():
    """The bundle plan module (reloaded per test, so monkeypatching stays local)."""
    return load_plan()


@pytest.fixture
def platform_plan():
    """The per-platform plan module (reloaded per test)."""
    return load_plan("platform_plan.py")
