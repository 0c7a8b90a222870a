"""Head-mode views chosen by cross-validation on the training images: folds, per-view features, the choice."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from animeid_desktop.core.demo.synthetic import background, make_specs
from animeid_desktop.core.demo.synthetic_chibi import draw_chibi
from animeid_desktop.core.demo.synthetic_groups import draw_portrait
from animeid_desktop.core.engine.features import EmbeddingCache, FeatureExtractor, cached_features
from animeid_desktop.core.engine.preprocess import Preprocessing, load_input
from animeid_desktop.core.engine.registry import get_spec
from animeid_desktop.core.engine.splits import stratified_folds
from animeid_desktop.core.engine.view_features import cached_view_features, view_cache, view_names
from animeid_desktop.core.engine.weights import pretrained_backbone, resolve_weights
from animeid_desktop.core.library import runs
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.core.training.config import HEAD_VIEW_CANDIDATES
from animeid_desktop.core.training.head_cv import HeadRecipe, fold_predictions
from animeid_desktop.core.training.head_views import candidate_prep, candidate_views
from animeid_desktop.core.training.pipeline import TrainConfig, train
from tests.core.engine_fixtures import TINY, face_crops_found, isolated_weights

FIXTURES = (isolated_weights,)  # shared fixtures, imported so pytest finds them

HEAD = dict(image_size=TINY, epochs=8)
PREP = Preprocessing(TINY, (0.485, 0.456, 0.406), (0.229, 0.224, 0.225), "fit")


def test_folds_are_stratified_balanced_and_deterministic():
    keys = [f"k{i}" for i in range(23)]
    labels = [0] * 10 + [1] * 12 + [2]
    folds = stratified_folds(keys, labels, k=5, seed=0)
    assert sorted(i for f in folds for i in f) == list(range(23))  # a partition
    for c, n in ((0, 10), (1, 12)):
        per_fold = [sum(labels[i] == c for i in f) for f in folds]
        assert max(per_fold) - min(per_fold) <= 1 and sum(per_fold) == n  # every class spread evenly
    assert max(map(len, folds)) - min(map(len, folds)) <= 1
    assert stratified_folds(keys, labels, k=5, seed=0) == folds
    assert stratified_folds(keys, labels, k=5, seed=1) != folds
    with pytest.raises(ValueError):
        stratified_folds(keys, labels, k=1)


def test_candidates_name_their_resize_method_and_views():
    assert candidate_prep("full", PREP) == PREP
    crop = candidate_prep("crop full+top+face", PREP)
    assert (crop.method, crop.views) == ("crop", "full+top+face")
    assert view_names(crop) == ["full:crop", "top", "face"]
    assert candidate_views(PREP) == ["full:fit", "face", "top", "full:crop", "detected"]  # each view computed once


def test_view_features_average_to_what_the_extractor_computes(tmp_path, isolated_weights):
    spec = get_spec("efficientnet_lite0")
    backbone = pretrained_backbone(spec, resolve_weights(spec.name, allow_download=False))
    cpu = torch.device("cpu")
    extractor = FeatureExtractor(backbone, PREP, cpu)
    rows = []
    for i in range(3):
        path = tmp_path / f"{i}.png"
        Image.fromarray(np.random.default_rng(i).integers(0, 255, (96, 48, 3), dtype=np.uint8)).save(path)
        rows.append({"sha256": f"h{i}", "path": str(path)})
    caches = {n: view_cache(tmp_path / "emb", model=spec.name, weights_id="w", prep=PREP, name=n)
              for n in candidate_views(PREP)}
    features = cached_view_features(caches, lambda: extractor, rows, batch_size=2)
    assert features.computed == 3 and not features.errors
    prep = candidate_prep("crop full+face", PREP)
    direct = FeatureExtractor(backbone, prep, cpu).embed_arrays([load_input(r["path"], prep) for r in rows])
    combined = features.combined(prep)
    assert np.allclose(np.stack([combined[r["sha256"]] for r in rows]), direct, atol=2e-2 * np.abs(direct).max())
    again = cached_view_features(caches, lambda: pytest.fail("extractor built"), rows)
    assert again.computed == 0 and np.array_equal(again.by_view["face"]["h1"], features.by_view["face"]["h1"])
    # the whole picture is the ordinary single-view cache, which near-duplicates and clustering read too
    ordinary, _errors, new = cached_features(EmbeddingCache.for_library(tmp_path / "emb", spec.name, "w", PREP),
                                             lambda: pytest.fail("extractor built"), rows)
    assert new == 0 and np.array_equal(ordinary["h2"], features.by_view["full:fit"]["h2"])
    assert np.allclose(ordinary["h2"], extractor.embed_arrays([load_input(rows[2]["path"], PREP)])[0], atol=1e-4)


def test_a_square_pictures_identical_views_go_through_the_network_once(tmp_path, isolated_weights):
    spec = get_spec("efficientnet_lite0")
    extractor = FeatureExtractor(pretrained_backbone(spec, resolve_weights(spec.name, allow_download=False)), PREP,
                                 torch.device("cpu"))
    sizes = []
    embed = extractor.embed_arrays
    extractor.embed_arrays = lambda arrays: sizes.append(len(arrays)) or embed(arrays)
    rows = []
    for i, shape in enumerate(((64, 64, 3), (96, 48, 3))):  # square: its top square is the whole picture
        path = tmp_path / f"{i}.png"
        Image.fromarray(np.random.default_rng(i).integers(0, 255, shape, dtype=np.uint8)).save(path)
        rows.append({"sha256": f"h{i}", "path": str(path)})
    names = ["full:fit", "top"]
    caches = {n: view_cache(tmp_path / "emb", model=spec.name, weights_id="w", prep=PREP, name=n) for n in names}
    features = cached_view_features(caches, lambda: extractor, rows, batch_size=2)
    assert sizes == [3]  # two views of the portrait, one of the square
    assert np.array_equal(features.by_view["top"]["h0"], features.by_view["full:fit"]["h0"])
    assert not np.array_equal(features.by_view["top"]["h1"], features.by_view["full:fit"]["h1"])


def test_fold_fits_score_each_matrix_as_if_alone():
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(3), 10)
    signal = (np.eye(3)[y] @ rng.normal(size=(3, 32)) * 3 + rng.normal(size=(30, 32))).astype(np.float32)
    noise = rng.normal(size=(30, 32)).astype(np.float32)
    folds = [np.asarray(f) for f in stratified_folds([str(i) for i in range(30)], y, k=5)]
    recipe = HeadRecipe(epochs=4, lr=8e-4, weight_decay=3e-4, batch_size=32, mixup_alpha=0.4, label_smoothing=0.08)
    both = fold_predictions([signal, noise], y, folds, 3, recipe=recipe)
    assert (both[0] == y).mean() > 0.9 and (both[1] == y).mean() < 0.7
    alone = fold_predictions([noise], y, folds, 3, recipe=recipe)
    assert np.array_equal(alone[0], both[1])  # side by side changes nothing


def _chibi(spec, px: int, rng: np.random.Generator) -> Image.Image:
    layer = draw_chibi(spec, 2 * px).resize((px, px), Image.BILINEAR)
    return layer.transpose(Image.FLIP_LEFT_RIGHT) if rng.random() < 0.5 else layer


def _portrait_above_others(specs, k: int, rng: np.random.Generator) -> Image.Image:
    """A tall illustration: the character's portrait in the upper centre, two random others below it."""
    img = background(rng, 160).crop((48, 0, 112, 160))
    img.paste(layer := _chibi(specs[k], 40, rng), (12, 2), layer)
    for y in (50, 100):
        img.paste(layer := _chibi(specs[int(rng.integers(len(specs)))], 60, rng), (2, y), layer)
    return img


def _bystander_in_the_face_square(specs, k: int, rng: np.random.Generator) -> Image.Image:
    """A wide picture: a random other character in the upper centre, the character small at one side."""
    img = background(rng, 96).crop((0, 16, 96, 80))
    img.paste(layer := _chibi(specs[int(rng.integers(len(specs)))], 44, rng), (26, 0), layer)
    img.paste(layer := _chibi(specs[k], 30, rng), (66 if rng.random() < 0.5 else 0, 30), layer)
    return img


def _portrait_below_a_bystander(specs, k: int, rng: np.random.Generator) -> Image.Image:
    """A random other character in the upper centre, the character's portrait (a face the anime-face
    detector finds) in a lower corner."""
    img = background(rng, 192)
    img.paste(layer := _chibi(specs[int(rng.integers(len(specs)))], 72, rng), (60, 0), layer)
    portrait = draw_portrait(specs[k], 72)
    img.paste(portrait, (0 if rng.random() < 0.5 else 120, 192 - portrait.height), portrait)
    return img


def _library(root: Path, draw, per_character: int = 8) -> Library:
    specs, rng = make_specs(3), np.random.default_rng(0)
    for k, spec in enumerate(specs):
        (root / "art" / spec.name).mkdir(parents=True)
        for i in range(per_character):
            draw(specs, k, rng).save(root / "art" / spec.name / f"{i}.png")
    lib = Library.open(root / "lib")
    import_paths(lib, [str(root / "art")])
    return lib


@pytest.mark.parametrize("draw, face_view", [(_portrait_above_others, True), (_bystander_in_the_face_square, False)])
def test_cross_validation_picks_the_views_the_pictures_need(tmp_path, isolated_weights, draw, face_view):
    lib = _library(tmp_path, draw)
    logs = []
    result = train(lib, TrainConfig(**HEAD), on_event=lambda e: logs.append(e.message) if e.kind == "log" else None)
    chosen = result.head_views["chosen"]
    assert ("face" in chosen) is face_view, result.head_views
    scores = result.head_views["scores"]
    assert list(scores) == list(HEAD_VIEW_CANDIDATES) and scores[chosen] == max(scores.values())
    assert result.head_views["folds"] == 5 and result.head_views["images"] == result.train_count
    # recorded: run metrics, the saved preprocessing (what recognition uses) and the log line
    assert runs.get_run(lib, result.run_id).metrics["head_views"] == result.head_views
    meta = json.loads(open(os.path.join(result.path, "meta.json")).read())
    prep = candidate_prep(chosen, PREP)
    assert (meta["preprocessing"]["views"], meta["preprocessing"]["method"]) == (prep.views, prep.method)
    assert any(m.startswith(f"head views: {chosen}, best of 5-fold") for m in logs), logs


def test_cross_validation_picks_the_detected_face_where_the_face_square_shows_someone_else(tmp_path,
                                                                                         isolated_weights):
    lib = _library(tmp_path, _portrait_below_a_bystander)
    result = train(lib, TrainConfig(**HEAD))
    scores = result.head_views["scores"]
    assert "detected" in result.head_views["chosen"].split("+"), scores
    assert scores["full+detected"] > scores["full+face"], scores
    meta = json.loads(open(os.path.join(result.path, "meta.json")).read())
    assert "detected" in meta["preprocessing"]["views"]


def test_named_views_override_the_cross_validation(tmp_path, isolated_weights):
    lib = _library(tmp_path, _portrait_above_others, per_character=4)
    stages = []
    result = train(lib, TrainConfig(views="full+top", **HEAD), on_event=lambda e: stages.append(e.message))
    assert result.head_views is None and not any("cross-validation" in m for m in stages)
    meta = json.loads(open(os.path.join(result.path, "meta.json")).read())
    assert meta["preprocessing"]["views"] == "full+top"


def _add_images(lib: Library, root: Path, name: str, count: int, draw=_portrait_above_others) -> None:
    """``count`` more pictures of character ``name`` (one of the library's, or a new one)."""
    specs, rng = make_specs(4), np.random.default_rng(7)
    folder = root / "more" / name
    folder.mkdir(parents=True, exist_ok=True)
    k = next((i for i, s in enumerate(specs) if s.name == name), 3)
    for i in range(count):
        draw(specs, k, rng).save(folder / f"{name}-{i}.png")
    import_paths(lib, [str(folder)], character=name)


def _train_logged(lib: Library, **config):
    events = []
    result = train(lib, TrainConfig(**HEAD, **config), on_event=lambda e: events.append((e.kind, e.message)))
    return result, [m for k, m in events if k == "stage"], [m for k, m in events if k == "log"]


@pytest.fixture
def keep_small(monkeypatch):
    """Views kept however few images they were cross-validated on (the tests' libraries are tiny)."""
    from animeid_desktop.core.training import head_views

    monkeypatch.setattr(head_views, "HEAD_VIEWS_KEPT_MIN_IMAGES", 0)


def test_a_retrain_keeps_the_views_its_parent_cross_validated(tmp_path, isolated_weights, keep_small):
    lib = _library(tmp_path, _portrait_above_others)  # 24 labelled pictures
    first, _, first_logs = _train_logged(lib)
    assert first.head_views["labelled"] == 24 and "kept_from" not in first.head_views
    _add_images(lib, tmp_path, "newcomer", 5)  # +21%: within the share, a new character
    second, stages, logs = _train_logged(lib)
    assert not any("cross-validation" in s for s in stages), stages
    kept = second.head_views
    assert (kept["chosen"], kept["scores"], kept["kept_from"]) == (first.head_views["chosen"],
                                                                   first.head_views["scores"], first.run_id)
    views = len(view_names(candidate_prep(kept["chosen"], PREP)))
    cached = face_crops_found(first_logs)
    crops = face_crops_found(logs) - cached  # of the new pictures
    assert f"features: {24 + cached} from cache, {5 + crops} computed ({views} views each)" in logs  # kept views
    assert any(m.startswith(f"head views: {kept['chosen']}, kept from run {first.run_id}") for m in logs), logs
    assert "newcomer" in second.classes and second.incremental
    meta = json.loads(open(os.path.join(second.path, "meta.json")).read())
    prep = candidate_prep(kept["chosen"], PREP)
    assert (meta["preprocessing"]["views"], meta["preprocessing"]["method"]) == (prep.views, prep.method)
    # the next small retrain still names the run that cross-validated, and counts from its labelled images
    _add_images(lib, tmp_path, "newcomer", 1)
    third, _, _ = _train_logged(lib)
    assert third.head_views["kept_from"] == first.run_id and third.head_views["labelled"] == 24


def test_views_are_chosen_again_after_a_big_change_or_a_fresh_start(tmp_path, isolated_weights, keep_small):
    lib = _library(tmp_path, _portrait_above_others)
    first, _, _ = _train_logged(lib)
    _add_images(lib, tmp_path, "newcomer", 7)  # +29%: beyond the share
    grown, stages, _ = _train_logged(lib)
    assert any("cross-validation" in s for s in stages) and "kept_from" not in grown.head_views
    assert grown.head_views["labelled"] == 31
    fresh, stages, _ = _train_logged(lib, incremental=False)  # --fresh
    assert any("cross-validation" in s for s in stages) and "kept_from" not in fresh.head_views
    named, _, _ = _train_logged(lib, views="full")
    assert named.head_views is None
    after_named, stages, _ = _train_logged(lib)  # the parent named its views: nothing to keep
    assert any("cross-validation" in s for s in stages), stages


def test_a_small_library_chooses_its_views_again_on_every_retrain(tmp_path, isolated_weights):
    lib = _library(tmp_path, _portrait_above_others)  # 24 labelled pictures: far below HEAD_VIEWS_KEPT_MIN_IMAGES
    _train_logged(lib)
    _add_images(lib, tmp_path, "newcomer", 2)
    again, stages, _ = _train_logged(lib)
    assert any("cross-validation" in s for s in stages) and "kept_from" not in again.head_views


def test_without_opencv_no_candidate_needs_the_face_detector(monkeypatch):
    from animeid_desktop.core.media import face_detection
    from animeid_desktop.core.training.head_views import candidates

    assert "full+detected" in candidates() and "detected" in candidate_views(PREP)
    monkeypatch.setattr(face_detection, "available", lambda: False)
    assert candidates() and not any("detected" in c for c in candidates())
    assert "detected" not in candidate_views(PREP)
