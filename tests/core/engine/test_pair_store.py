"""Near-duplicate pairs kept between passes: a pass compares only what the last one did not hold, and
finds exactly what a full search finds."""

from __future__ import annotations

import numpy as np
import pytest

from animeid_desktop.core.engine import near_duplicates as ND
from animeid_desktop.core.engine.pair_store import PairStore


def _items(n: int, seed: int = 0):
    """(shas, dhashes, phashes, unit vectors, sizes) with planted copies: hash copies and feature copies."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, 32)).astype(np.float32)
    dh = rng.integers(0, 2**63, n, dtype=np.int64).astype(np.uint64)
    ph = rng.integers(0, 2**63, n, dtype=np.int64).astype(np.uint64)
    for a in range(0, n - 1, 7):  # every seventh item has a copy next to it
        b = a + 1
        if a % 2:
            ph[b], dh[b] = ph[a] ^ np.uint64(0b101), dh[a] ^ np.uint64(0b11)
        else:
            x[b] = x[a] + 0.05 * rng.standard_normal(32).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    shas = [f"{k:064x}" for k in rng.permutation(10**6)[:n]]
    return shas, dh, ph, x, [(100, 100)] * n


def _subset(items, keep):
    shas, dh, ph, x, sizes = items
    keep = np.asarray(keep)
    return [shas[k] for k in keep], dh[keep], ph[keep], x[keep], [sizes[k] for k in keep]


def test_a_later_pass_compares_only_the_new_items_and_finds_what_a_full_search_finds(tmp_path, monkeypatch):
    store = PairStore(tmp_path / "pairs.sqlite")
    items = _items(120)
    first = _subset(items, range(100))
    assert ND.find_pairs_kept(store, *first) == ND.find_pairs(*first[1:]) != []
    asked = []
    pairs_of = ND.pairs_of
    monkeypatch.setattr(ND, "pairs_of", lambda query, *a, **k: asked.append(len(query)) or pairs_of(query, *a, **k))
    monkeypatch.setattr(ND, "find_pairs", lambda *a, **k: pytest.fail("searched everything again"))
    order = [*range(100, 120), *range(100)]  # 20 new items, given first: indices change, pairs follow
    later = ND.find_pairs_kept(store, *_subset(items, order))
    assert asked == [20]
    monkeypatch.undo()
    assert later == ND.find_pairs(*_subset(items, order)[1:])
    fewer = [k for k in order if k % 5]  # some gone: the stored pairs among the rest, nothing to compare
    assert ND.find_pairs_kept(store, *_subset(items, fewer)) == ND.find_pairs(*_subset(items, fewer)[1:])


def test_mostly_new_items_mean_a_full_search_and_the_store_starts_over(tmp_path, monkeypatch):
    store = PairStore(tmp_path / "pairs.sqlite")
    items = _items(60, seed=1)
    ND.find_pairs_kept(store, *_subset(items, range(20)))
    full = []
    find_pairs = ND.find_pairs
    monkeypatch.setattr(ND, "find_pairs", lambda *a, **k: full.append(1) or find_pairs(*a, **k))
    assert ND.find_pairs_kept(store, *items) == find_pairs(*items[1:])
    assert full == [1] and store.load(set(items[0])).compared == set(items[0])


def test_training_keeps_its_duplicate_pairs_between_runs(tmp_path, monkeypatch):
    from tests.core.engine_fixtures import synthetic_library

    lib, _written = synthetic_library(tmp_path, n_characters=2, per_character=6)
    ids = [r["id"] for r in lib.query("SELECT id FROM images ORDER BY id")]
    first = ND.split_groups(lib, ids[:-2])
    monkeypatch.setattr(ND, "find_pairs", lambda *a, **k: pytest.fail("searched everything again"))
    asked = []
    pairs_of = ND.pairs_of
    monkeypatch.setattr(ND, "pairs_of", lambda query, *a, **k: asked.append(len(query)) or pairs_of(query, *a, **k))
    again = ND.split_groups(lib, ids)
    assert asked == [2] and again[0][: len(first[0])] == first[0]
    assert list((lib.cache_dir / "duplicates").glob("split-*.sqlite"))


def test_a_damaged_store_is_started_again_and_the_pass_searches_everything(tmp_path):
    items = _items(40, seed=2)
    path = tmp_path / "pairs.sqlite"
    ND.find_pairs_kept(PairStore(path), *items)
    path.write_bytes(b"not a database" * 100)
    assert ND.find_pairs_kept(PairStore(path), *items) == ND.find_pairs(*items[1:])
    store = PairStore(path)
    ND.find_pairs_kept(store, *items)
    path.write_bytes(b"damaged after opening" * 100)
    assert ND.find_pairs_kept(store, *items) == ND.find_pairs(*items[1:])
    assert store.load(set(items[0])).compared == set(items[0])


def test_a_store_damaged_before_saving_holds_nothing_afterwards(tmp_path, monkeypatch):
    store = PairStore(tmp_path / "pairs.sqlite")
    items = _items(30, seed=3)
    found = ND.find_pairs(*items[1:])
    monkeypatch.setattr(ND, "find_pairs", lambda *a, **k: (store.path.write_bytes(b"x" * 4096), found)[1])
    assert ND.find_pairs_kept(store, *items) == found
    assert store.load(set(items[0])).compared == set()
