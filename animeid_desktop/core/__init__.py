"""Qt-free core of AnimeID Desktop: library, importer, models, training, recognition, benchmark.

Nothing in this package may import PySide6 or pyqtgraph (enforced by an import-linter contract and
by tests/core/test_architecture.py).
"""
