"""Speed paths keep their answers: the fast recognition path agrees with the naive one, the embedding
cache is reused exactly when model, weights and preprocessing are unchanged, fp16 storage predicts
the same top-1 and model files carry no optimizer state."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image

from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.engine.devices import torch_threads
from animeid_desktop.core.engine.features import EmbeddingCache, FeatureExtractor, cached_features, embed_sources
from animeid_desktop.core.engine.fp16_storage import half_tensors, optimizer_keys, storage_dtype, store_fp16
from animeid_desktop.core.engine.model_files import load_tensors, save_model
from animeid_desktop.core.engine.preprocess import Preprocessing, default_preprocessing, resize_to_array
from animeid_desktop.core.engine.registry import Network, get_spec
from animeid_desktop.core.engine.saved_models import load_saved
from animeid_desktop.core.engine.weights import find_weights, pretrained_backbone
from animeid_desktop.core.recognition.recognizer import Recognizer
from animeid_desktop.core.training.head import fit_head

SIZE = 64


@pytest.fixture(autouse=True)
def one_thread():
    """Tiny inputs: one torch thread is faster, and immune to a busy machine."""
    with torch_threads(1):
        yield


@pytest.fixture(scope="module")
def jpegs(tmp_path_factory):
    """3 characters x 6 JPEGs at 256 px: large enough that the fast path decodes them in draft mode."""
    root = tmp_path_factory.mktemp("speed")
    written = synthetic.write_folder(root, n_characters=3, per_character=6, size=256, fmt="jpeg", attrs_file=False)
    names = sorted(k for k in written if k)
    items = [(str(p), names.index(n)) for n in names for p in written[n]]
    return [p for p, _ in items], np.array([c for _, c in items])


@pytest.fixture(scope="module")
def lite0():
    """The shipped EfficientNet-Lite0 backbone (its features separate characters)."""
    ws = find_weights("efficientnet_lite0")
    if ws is None:
        pytest.skip("the packaged efficientnet_lite0 weights are not installed")
    return pretrained_backbone(get_spec("efficientnet_lite0"), ws).eval()


def _naive_features(backbone, prep: Preprocessing, paths) -> np.ndarray:
    """Full-size decode, resize, one fp32 forward per image."""
    mean, std = torch.tensor(prep.mean).view(1, 3, 1, 1), torch.tensor(prep.std).view(1, 3, 1, 1)
    out = []
    with torch.no_grad():
        for p in paths:
            with Image.open(p) as im:
                arr = resize_to_array(im.convert("RGB"), prep.size, prep.method)
            x = (torch.from_numpy(arr).permute(2, 0, 1).unsqueeze(0).float() / 255 - mean) / std
            out.append(backbone(x)[0].numpy())
    return np.stack(out)


def test_fast_path_gives_the_naive_top1(jpegs, lite0, monkeypatch):
    monkeypatch.setenv("ANIMEID_PRECISION", "fp32")
    paths, y = jpegs
    prep = default_preprocessing(get_spec("efficientnet_lite0"), SIZE)
    naive = _naive_features(lite0, prep, paths)
    feats, errors = embed_sources(FeatureExtractor(lite0, prep, torch.device("cpu")),
                                  [(str(i), p) for i, p in enumerate(paths)], batch_size=5)
    fast = np.stack([feats[str(i)] for i in range(len(paths))])
    assert errors == {} and fast.shape == naive.shape
    cos = (fast * naive).sum(1) / (np.linalg.norm(fast, axis=1) * np.linalg.norm(naive, axis=1))
    assert cos.min() > 0.9  # draft decoding and batching change the features only slightly ...
    fit = fit_head(naive, y, naive[:0], y[:0], 3, epochs=3)
    top_naive = (torch.as_tensor(naive) @ fit.weight.T + fit.bias).argmax(1).numpy()
    top_fast = (torch.as_tensor(fast) @ fit.weight.T + fit.bias).argmax(1).numpy()
    assert (top_naive == y).mean() == 1.0  # a head trained on naive features tells them apart ...
    assert (top_fast == top_naive).mean() >= 0.9  # ... and gives the same top-1 on fast-path features


def test_cache_is_reused_exactly_when_model_weights_and_preprocessing_match(tmp_path, jpegs):
    class Counting:
        def __init__(self, prep: Preprocessing) -> None:
            self.prep = prep
            self.embedded = 0

        def embed_arrays(self, arrays):
            self.embedded += len(arrays)
            return np.stack([a.reshape(-1, 3).mean(0) for a in arrays]).astype(np.float32)

    paths, _ = jpegs
    rows = [{"sha256": f"h{i}", "path": p} for i, p in enumerate(paths[:4])]
    prep = Preprocessing(SIZE, (0.5, 0.5, 0.5), (0.5, 0.5, 0.5))
    first = Counting(prep)
    cached_features(EmbeddingCache.for_library(tmp_path, "m", "w1", prep), lambda: first, rows)
    assert first.embedded == 4
    # same model, weights and preprocessing (even with the files renamed): nothing recomputed
    moved = [{"sha256": r["sha256"], "path": r["path"] + ".missing"} for r in rows]
    _, _, new = cached_features(EmbeddingCache.for_library(tmp_path, "m", "w1", prep),
                                lambda: pytest.fail("extractor built"), moved)
    assert new == 0
    changed = [("m2", "w1", prep), ("m", "w2", prep), ("m", "w1", prep.with_size(SIZE + 8)),
               ("m", "w1", Preprocessing(SIZE, (0.5, 0.5, 0.5), (0.5, 0.5, 0.5), "crop")),
               ("m", "w1", Preprocessing(SIZE, (0.4, 0.5, 0.5), (0.5, 0.5, 0.5))),
               ("m", "w1", Preprocessing(SIZE, (0.5, 0.5, 0.5), (0.5, 0.5, 0.5), flip=True))]
    for model, weights, p in changed:
        counter = Counting(p)
        _, _, new = cached_features(EmbeddingCache.for_library(tmp_path, model, weights, p), lambda c=counter: c, rows)
        assert new == 4 and counter.embedded == 4, (model, weights, p.id)


def _save_finetuned(directory, backbone, fc, classes) -> None:
    spec = get_spec("efficientnet_lite0")
    net = Network(backbone, spec.feature_dim, len(classes))
    with torch.no_grad():
        net.fc.weight.copy_(fc.weight)
        net.fc.bias.copy_(fc.bias)
    meta = {"run_id": "r", "model": spec.name, "mode": "finetune", "classes": classes,
            "preprocessing": default_preprocessing(spec, SIZE).to_json(), "pretrained": True, "threshold": 0.5,
            "backbone": {"source": "finetuned", "weights_id": "run:r", "in_file": True}}
    save_model(directory, net.state_dict(), meta)


def test_fp16_storage_halves_the_file_and_keeps_top1(tmp_path, jpegs, lite0, monkeypatch):
    monkeypatch.setenv("ANIMEID_PRECISION", "fp32")
    paths, y = jpegs
    classes = ["a", "b", "c"]
    prep = default_preprocessing(get_spec("efficientnet_lite0"), SIZE)
    feats = _naive_features(lite0, prep, paths)
    fc = fit_head(feats, y, feats[:0], y[:0], 3, epochs=3)
    _save_finetuned(tmp_path / "fp32", lite0, fc, classes)
    _save_finetuned(tmp_path / "fp16", lite0, fc, classes)
    before, after = store_fp16(tmp_path / "fp16")
    assert after < 0.55 * before
    tensors = load_tensors(tmp_path / "fp16")
    assert storage_dtype(tensors) == "fp16" and tensors["fc.weight"].dtype == torch.float32
    assert optimizer_keys(tensors) == [] and optimizer_keys(load_tensors(tmp_path / "fp32")) == []
    recs = [Recognizer(load_saved(tmp_path / d), 0.5, torch.device("cpu")) for d in ("fp32", "fp16")]
    top = [list(r.predict_paths(paths, top_k=1)) for r in recs]
    assert [p.top[0][0] for p in top[0]] == [p.top[0][0] for p in top[1]]
    assert len({p.top[0][0] for p in top[0]}) == 3  # a real model: it tells the characters apart
    assert max(abs(a.top[0][1] - b.top[0][1]) for a, b in zip(*top)) < 0.02


def test_half_tensors_keeps_classifier_and_integers_and_refuses_overflow():
    tensors = {"backbone.w": torch.ones(3), "backbone.n": torch.tensor(5), "fc.weight": torch.ones(2, 3)}
    out = half_tensors(tensors)
    assert out["backbone.w"].dtype == torch.float16 and out["backbone.n"].dtype == torch.int64
    assert out["fc.weight"].dtype == torch.float32
    assert optimizer_keys({"state.0.exp_avg": torch.ones(1), "backbone.w": torch.ones(1)}) == ["state.0.exp_avg"]
    from animeid_desktop.core.errors import UserError

    with pytest.raises(UserError):
        half_tensors({"backbone.big": torch.tensor([1e6])})


def test_bf16_weights_copy_leaves_the_model_alone_and_keeps_top1(jpegs, lite0, monkeypatch):
    from animeid_desktop.core.engine import bf16_inference as fast_inference

    paths, y = jpegs
    prep = default_preprocessing(get_spec("efficientnet_lite0"), SIZE)
    monkeypatch.setenv("ANIMEID_PRECISION", "fp32")
    assert fast_inference.inference_copy(lite0, torch.device("cpu")) == (lite0, None)  # fp32: untouched
    reference = FeatureExtractor(lite0, prep, torch.device("cpu"))
    monkeypatch.delenv("ANIMEID_PRECISION")
    monkeypatch.setattr(fast_inference, "autocast_dtype", lambda device: torch.bfloat16)  # as on an AMX CPU
    fast = FeatureExtractor(lite0, prep, torch.device("cpu"))
    assert fast.input_dtype == torch.bfloat16 and next(fast.backbone.parameters()).dtype == torch.bfloat16
    assert next(lite0.parameters()).dtype == torch.float32  # the given backbone is not converted
    sources = [(str(i), p) for i, p in enumerate(paths)]
    ref_feats = np.stack(list(embed_sources(reference, sources)[0].values()))
    fast_feats = np.stack(list(embed_sources(fast, sources)[0].values()))
    fit = fit_head(ref_feats, y, ref_feats[:0], y[:0], 3, epochs=3)
    top_ref = (torch.as_tensor(ref_feats) @ fit.weight.T + fit.bias).argmax(1)
    top_fast = (torch.as_tensor(fast_feats) @ fit.weight.T + fit.bias).argmax(1)
    assert float((top_ref == top_fast).float().mean()) >= 0.9
    monkeypatch.setenv("ANIMEID_FAST_INFERENCE", "0")
    assert fast_inference.inference_copy(lite0, torch.device("cpu")) == (lite0, None)  # switched off


def test_cpu_inference_runs_a_few_images_per_pass_with_the_same_answers(monkeypatch):
    from animeid_desktop.core.engine.devices import CPU_IMAGES_PER_PASS, forward_in_passes

    backbone = pretrained_backbone(get_spec("efficientnet_lite0"), find_weights("efficientnet_lite0")).eval()
    sizes = []
    hook = backbone.register_forward_pre_hook(lambda _m, args: sizes.append(len(args[0])))
    x = torch.rand(2 * CPU_IMAGES_PER_PASS + 3, 3, SIZE, SIZE, generator=torch.Generator().manual_seed(0))
    with torch.inference_mode():
        split = forward_in_passes(backbone, x, torch.device("cpu"))
        assert sizes == [CPU_IMAGES_PER_PASS, CPU_IMAGES_PER_PASS, 3]
        monkeypatch.setenv("ANIMEID_IMAGES_PER_PASS", "0")  # whole batches, as on a GPU
        whole = forward_in_passes(backbone, x, torch.device("cpu"))
    assert sizes[3:] == [len(x)]
    torch.testing.assert_close(split, whole, rtol=1e-4, atol=1e-4)
    monkeypatch.delenv("ANIMEID_IMAGES_PER_PASS")
    hook.remove()
    prep = default_preprocessing(get_spec("efficientnet_lite0"), SIZE)
    extractor = FeatureExtractor(backbone, prep, torch.device("cpu"))
    sizes.clear()
    extractor.backbone.register_forward_pre_hook(lambda _m, args: sizes.append(len(args[0])))
    extractor.embed_arrays([np.full((SIZE, SIZE, 3), v, np.uint8) for v in range(20)])
    assert sizes == [CPU_IMAGES_PER_PASS, CPU_IMAGES_PER_PASS, 4]  # the feature path goes through it too


def test_a_square_pictures_identical_views_are_computed_once_and_counted_twice(lite0, monkeypatch):
    from dataclasses import replace

    from animeid_desktop.core.engine.preprocess import image_to_input

    monkeypatch.setenv("ANIMEID_PRECISION", "fp32")
    prep = replace(default_preprocessing(get_spec("efficientnet_lite0"), SIZE), views="full+top+face")
    rng = np.random.default_rng(0)
    square, tall = (Image.fromarray(rng.integers(0, 255, shape, dtype=np.uint8)) for shape in ((80, 80, 3),
                                                                                                (120, 80, 3)))
    inputs = [image_to_input(square, prep), image_to_input(tall, prep)]
    assert np.array_equal(inputs[0][0], inputs[0][1]) and not np.array_equal(inputs[1][0], inputs[1][1])
    extractor = FeatureExtractor(lite0, prep, torch.device("cpu"))
    sizes = []
    hook = extractor.backbone.register_forward_pre_hook(lambda _m, args: sizes.append(len(args[0])))
    feats = extractor.embed_arrays(inputs)
    hook.remove()
    assert sum(sizes) == 5  # 2 distinct views of the square picture, 3 of the tall one (was 6)
    single = FeatureExtractor(lite0, replace(prep, views="full"), torch.device("cpu"))
    each = [single.embed_arrays(list(views)) for views in inputs]  # every view on its own
    expected = np.stack([e.mean(0) for e in each])
    assert np.allclose(feats, expected, atol=1e-4 * np.abs(expected).max())
