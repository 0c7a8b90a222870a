"""Neutralise a reference-counting bug of PySide6 6.12.0 on CPython < 3.12.

In that release ``SignalInstance.emit()`` returns ``True`` without taking a reference, and an
invalid ``QVariant`` converted to Python (``QModelIndex.data()`` for an empty role) gives ``None``
without one. Every emit therefore steals a reference to ``True``; after a few hundred signals the
interpreter aborts with "Fatal Python error: bool_dealloc" (seen in the gallery after ~600
thumbnails). CPython 3.12+ makes ``None``/``True``/``False`` immortal, which hides the bug; here we
detect it and make those three singletons effectively immortal the same way, by adding 2**40 to
their reference counts (they are static objects that are never freed anyway). Other objects are
not affected (checked: lists, dicts, strings and arbitrary objects through signals and models).
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QModelIndex, QObject, Signal

_PIN = 1 << 40
_applied = False


class _Probe(QObject):
    fired = Signal()


def singleton_refs_leak() -> bool:
    """True when emitting a signal or reading an empty index loses references to True/None."""
    probe = _Probe()
    index = QModelIndex()
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(16):
        probe.fired.emit()
        index.data()
    after = sys.getrefcount(True), sys.getrefcount(None)
    return after[0] < before[0] or after[1] < before[1]


def apply() -> bool:
    """Pin None/True/False when this PySide6 has the bug; returns whether pinning was needed."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _applied
    if singleton_refs_leak():
        for obj in (None, True, False):
            ctypes.c_ssize_t.from_address(id(obj)).value += _PIN
        _applied = True
    return _applied
