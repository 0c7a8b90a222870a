"""Qt-free core of AnimeID Desktop: library, importer, models, training, recognition, benchmark.

Nothing in this package may import PySide6 or pyqtgraph (enforced by an import-linter contract and
by tests/core/test_architecture.py).
"""

import os as _os

# OpenMP threads that sleep instead of spinning while they wait: on a busy machine (other programs,
# or our own decoding threads) spinning threads steal the cores the work needs; measured 2-3x faster
# fine-tuning on a loaded 2-core CPU. Must be set before torch loads its OpenMP runtime.
_os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
