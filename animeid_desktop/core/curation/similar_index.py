"""The library's features as unit rows, kept in memory between "find similar" queries.

Reading 100,000 cached vectors and scaling them takes over a second; ranking them for one query takes
about 20 ms. So the rows are kept (for one library and backbone at a time) and checked against the
library's ok images before each query: images added since are embedded (or read from the cache) and
appended; any image gone (removed, missing) rebuilds the rows. The check is one aggregate query.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import numpy as np

from animeid_desktop.core.engine.features import FeatureConfig, feature_cache, library_features
from animeid_desktop.core.engine.neighbours import unit_rows
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.progress import ProgressFn, StopFn

State = Tuple[int, int, int]  # count, largest and sum of the ok images' ids


@dataclass
class UnitFeatures:
    """Unit-length features of library images (row ``n`` is image ``ids[n]``) and the images without any."""

    ids: List[int]
    unit: np.ndarray
    errors: Dict[int, str]
    state: State = (0, 0, 0)
    _rows: Optional[Dict[int, int]] = field(default=None, repr=False)

    def row_of(self) -> Dict[int, int]:
        """Image id -> row (made once)."""
        if self._rows is None:
            self._rows = {image_id: n for n, image_id in enumerate(self.ids)}
        return self._rows


_KEPT: Dict[str, UnitFeatures] = {}  # one entry: the last library and backbone asked about
_LOCK = threading.Lock()


def _state(lib: Library) -> State:
    row = lib.connection().execute(
        "SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(SUM(id), 0) FROM images WHERE status = 'ok'").fetchone()
    return int(row[0]), int(row[1]), int(row[2])


def _key(lib: Library, config: Optional[FeatureConfig]) -> str:
    return f"{lib.db_path.resolve()}:{lib.db_path.stat().st_ino}:{feature_cache(lib, config).path}"


def library_unit_features(lib: Library, config: Optional[FeatureConfig] = None,
                          on_progress: Optional[ProgressFn] = None,
                          should_stop: Optional[StopFn] = None) -> UnitFeatures:
    """Unit features of every ok image of ``lib``, from memory when nothing changed, else brought up to date."""
    key, state = _key(lib, config), _state(lib)
    with _LOCK:
        kept = _KEPT.get(key)
    if kept is not None and kept.state == state:
        return kept
    ok = [int(r[0]) for r in lib.connection().execute("SELECT id FROM images WHERE status = 'ok'")]
    known = set(kept.ids) | set(kept.errors) if kept is not None else set()
    if kept is not None and known <= set(ok):  # only additions: embed and append those
        feats = library_features(lib, [i for i in ok if i not in known], config, on_progress, should_stop)
        fresh = UnitFeatures(kept.ids + feats.ids, np.concatenate([kept.unit, unit_rows(feats.vectors)]),
                             {**kept.errors, **feats.errors}, state)
    else:
        feats = library_features(lib, None, config, on_progress, should_stop)
        fresh = UnitFeatures(feats.ids, unit_rows(feats.vectors), feats.errors, state)
    with _LOCK:
        _KEPT.clear()
        _KEPT[key] = fresh
    return fresh
