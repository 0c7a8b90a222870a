"""Stratified train/validation split that is reproducible and stable as the library grows.

Within each class, images are ordered by ``sha256(seed:image hash)`` and the first ones go to
validation. Adding images therefore never moves an existing training image to validation unless
its class's validation quota grows: a model trained before the addition has not seen the new
validation set, which keeps before/after comparisons honest. :func:`stratified_folds` deals the
same order into cross-validation folds.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Dict, List, Optional, Sequence, Tuple


def _order_key(seed: int, key: str) -> str:
    return hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()


def validation_count(n: int, fraction: float) -> int:
    """How many of a class's ``n`` images go to validation: none for a single image, never all."""
    if n < 2 or fraction <= 0:
        return 0
    return min(n - 1, max(1, round(n * fraction)))


def stratified_split(
    keys: Sequence[str], labels: Sequence[int], fraction: float = 0.2, seed: int = 0,
    groups: Optional[Sequence[Optional[int]]] = None,
) -> Tuple[List[int], List[int]]:
    """Indices (train, val) of items identified by ``keys`` (content hashes) with class ``labels``.

    Every class keeps at least one training image; classes with one image are not validated.
    ``groups`` (optional, one entry per item) keeps items with the same non-None group id on one
    side, e.g. near-duplicates (:func:`animeid_desktop.core.engine.near_duplicates.split_groups`), so no
    validation image has a copy in training; without groups the split is exactly the plain one.
    """
    if len(keys) != len(labels):
        raise ValueError("keys and labels differ in length")
    if groups is not None:
        if len(groups) != len(keys):
            raise ValueError("keys and groups differ in length")
        return _grouped_split(keys, labels, fraction, seed, groups)
    by_class: Dict[int, List[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        by_class[int(label)].append(i)
    train: List[int] = []
    val: List[int] = []
    for label in sorted(by_class):
        members = sorted(by_class[label], key=lambda i: _order_key(seed, keys[i]))
        k = validation_count(len(members), fraction)
        val.extend(members[:k])
        train.extend(members[k:])
    return sorted(train), sorted(val)


def _grouped_split(
    keys: Sequence[str], labels: Sequence[int], fraction: float, seed: int, groups: Sequence[Optional[int]]
) -> Tuple[List[int], List[int]]:
    """:func:`stratified_split` where each group of items goes to one side as a whole.

    A group belongs to its most common class and is ordered by its members' smallest order key;
    within each class, groups are taken into validation in that order while they fit the class's
    quota and leave every class they touch at least one training item. All-singleton groups give
    exactly the plain split.
    """
    units: Dict[object, List[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        units[("g", g) if g is not None else ("i", i)].append(i)
    n_per_class: Dict[int, int] = defaultdict(int)
    for label in labels:
        n_per_class[int(label)] += 1
    quota = {c: validation_count(n, fraction) for c, n in n_per_class.items()}
    by_home: Dict[int, List[Tuple[str, List[int]]]] = defaultdict(list)
    for members in units.values():
        counts: Dict[int, int] = defaultdict(int)
        for i in members:
            counts[int(labels[i])] += 1
        home = min(counts, key=lambda c: (-counts[c], c))
        by_home[home].append((min(_order_key(seed, keys[i]) for i in members), members))
    in_val: Dict[int, int] = defaultdict(int)
    val: List[int] = []
    for label in sorted(by_home):
        for _key, members in sorted(by_home[label], key=lambda u: u[0]):
            if in_val[label] >= quota[label]:
                break
            counts = defaultdict(int)
            for i in members:
                counts[int(labels[i])] += 1
            fits = in_val[label] + counts[label] <= quota[label]
            leaves_train = all(in_val[c] + k <= n_per_class[c] - 1 for c, k in counts.items())
            if fits and leaves_train:
                val.extend(members)
                for c, k in counts.items():
                    in_val[c] += k
    val_set = set(val)
    return sorted(i for i in range(len(keys)) if i not in val_set), sorted(val_set)


def stratified_folds(keys: Sequence[str], labels: Sequence[int], k: int = 5, seed: int = 0) -> List[List[int]]:
    """Indices of ``k`` cross-validation folds: every class dealt round the folds in hash order.

    Deterministic for the same keys and seed; fold sizes differ by at most one per class, and each
    class starts at the fold after where the previous class stopped, so the folds stay balanced.
    """
    if len(keys) != len(labels):
        raise ValueError("keys and labels differ in length")
    if k < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    by_class: Dict[int, List[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        by_class[int(label)].append(i)
    folds: List[List[int]] = [[] for _ in range(k)]
    start = 0
    for label in sorted(by_class):
        members = sorted(by_class[label], key=lambda i: _order_key(seed, keys[i]))
        for n, i in enumerate(members):
            folds[(start + n) % k].append(i)
        start = (start + len(members)) % k
    return [sorted(f) for f in folds]
