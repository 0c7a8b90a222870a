"""Fuzzing the decoder: any bytes give an RGB image or an ImageError with a reason, quickly."""

from __future__ import annotations

import io
import time
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from animeid_desktop.core.engine.preprocess import Preprocessing, load_input
from animeid_desktop.core.media import images
from animeid_desktop.core.media.images import ImageError, load_rgb, probe, thumbnail
from animeid_desktop.core.media.perceptual_hashes import image_hashes
from animeid_desktop.core.media.thumbnails import ensure_thumbnail
from animeid_desktop.core.training.finetune import load_canvases
from tests.core.badfiles import LARGE, MODE_VARIANTS, mode_images
from tests.hardening.malformed import (
    apply_ops,
    op_strategy,
    plugin_seed_images,
    seed_images,
    slow_jpeg,
    special_inputs,
)

SEEDS = sorted(seed_images())


def hash_file(path):
    """``(dhash, phash)`` the way the hash cache computes them (decoded at reduced scale)."""
    return image_hashes(load_rgb(path, target=64))


def _decode_outcome(data: bytes, target=None):
    """('ok', image) or ('error', reason); anything else propagates and fails the test."""
    try:
        return "ok", load_rgb(data, target=target, time_limit=10)
    except ImageError as exc:
        return "error", str(exc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(SEEDS), ops=st.lists(op_strategy(), min_size=1, max_size=4),
       target=st.sampled_from([None, 8]))
def test_mutated_images_decode_or_fail_with_a_reason(name, ops, target):
    fmt, data = seed_images()[name]
    mutated = apply_ops(data, fmt, ops)
    started = time.monotonic()
    kind, value = _decode_outcome(mutated, target)
    assert time.monotonic() - started < 5
    if kind == "ok":
        assert value.mode == "RGB" and value.width > 0 and value.height > 0
        assert value.width * value.height <= images.MAX_PIXELS
    else:
        assert value.strip(), "an ImageError must carry a reason"


@pytest.mark.skipif(not plugin_seed_images(), reason="no AVIF, HEIC or JPEG XL encoder installed")
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), ops=st.lists(op_strategy().filter(lambda op: op[0] != "dims"), min_size=1, max_size=4),
       target=st.sampled_from([None, 8]))
def test_mutated_avif_heic_and_jxl_decode_or_fail_with_a_reason(data, ops, target):
    fmt, seed = plugin_seed_images()[data.draw(st.sampled_from(sorted(plugin_seed_images())))]
    kind, value = _decode_outcome(apply_ops(seed, fmt, ops), target)
    if kind == "ok":
        assert value.mode == "RGB" and 0 < value.width * value.height <= images.MAX_PIXELS
    else:
        assert value.strip(), "an ImageError must carry a reason"


@settings(max_examples=80, deadline=None)
@given(name=st.sampled_from(SEEDS), w=st.sampled_from([0, 1, 65535, 100_001, 1 << 24, 0x7FFFFFFF, 0xFFFFFFFF]),
       h=st.integers(0, 0xFFFFFFFF))
def test_absurd_dimensions_are_refused_before_decoding(name, w, h):
    fmt, data = seed_images()[name]
    kind, value = _decode_outcome(apply_ops(data, fmt, [("dims", w, h)]))
    if kind == "ok":  # some formats ignore the declared size (e.g. a GIF's screen is re-read per frame)
        assert value.width * value.height <= images.MAX_PIXELS
        assert max(value.size) <= images.MAX_SIDE


@pytest.mark.parametrize("name,data", special_inputs(), ids=[n for n, _ in special_inputs()])
def test_special_inputs(name, data):
    kind, value = _decode_outcome(data)
    if name == "png_named.jpg":
        assert kind == "ok"  # named wrongly but a good PNG: content decides
    elif name.startswith("dims_"):
        assert kind == "error" or max(value.size) <= images.MAX_SIDE
    else:
        assert kind == "error" and value


def test_every_seed_decodes(tmp_path):
    for name, (fmt, data) in seed_images().items():
        path = tmp_path / f"{name}.bin"
        path.write_bytes(data)
        info, img = probe(path)
        assert info.format == fmt and img.mode == "RGB", name
        assert thumbnail(data, size=16).size[0] <= 16
        assert load_rgb(data, target=8).mode == "RGB", name  # reduced decode of a 40x30 seed


def test_probe_reports_empty_unreadable_and_non_image_files(tmp_path):
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    text = tmp_path / "notes.png"
    text.write_text("hello")
    with pytest.raises(ImageError, match="empty file"):
        probe(empty)
    with pytest.raises(ImageError, match="not an image"):
        probe(text)
    with pytest.raises(ImageError, match="cannot read file"):
        probe(tmp_path / "gone.png")


def test_a_deliberately_slow_file_hits_the_time_limit():
    slow = slow_jpeg(2000, 2000, 6000)
    started = time.monotonic()
    with pytest.raises(ImageError, match="longer than"):
        load_rgb(slow, time_limit=0.2)
    assert time.monotonic() - started < 1.5


def test_time_limit_does_not_affect_normal_files():
    fmt, data = seed_images()["jpeg_exif"]
    assert load_rgb(data, time_limit=5).size == (30, 40)  # EXIF rotation applied
    assert load_rgb(data, time_limit=None).size == (30, 40)


_PREP = Preprocessing(224, (0.5, 0.5, 0.5), (0.5, 0.5, 0.5))
# Every decode the app makes of a library file, as a function of the file's path (and a scratch folder).
DECODE_PATHS = {
    "import": lambda path, tmp: np.asarray(probe(path)[1]),
    "thumbnail": lambda path, tmp: np.asarray(Image.open(ensure_thumbnail(tmp / "thumbs", "ab" * 32, path))),
    "features": lambda path, tmp: load_input(str(path), _PREP),
    "features_views": lambda path, tmp: load_input(str(path), replace(_PREP, views="full+face")),
    "training": lambda path, tmp: load_canvases(str(path), _PREP),
    "perceptual_hash": lambda path, tmp: np.array(hash_file(path), dtype=object),
}
MODE_CASES = [(name, size) for size in ("large", "small") for name in MODE_VARIANTS]


@pytest.mark.parametrize("path_name", sorted(DECODE_PATHS))
@pytest.mark.parametrize("name,size", MODE_CASES, ids=[f"{s}_{n}" for n, s in MODE_CASES])
def test_every_pixel_mode_decodes_on_every_path(tmp_path, name, size, path_name):
    fmt, data = mode_images(LARGE if size == "large" else (40, 30))[name]
    assert Image.open(io.BytesIO(data)).mode == MODE_VARIANTS[name][0]  # the file really is in that mode
    path = tmp_path / name
    path.write_bytes(data)
    out = DECODE_PATHS[path_name](path, tmp_path)
    assert out.size > 0
    if out.dtype == np.uint8:
        assert out.shape[-1] == 3 and 0 < float(out.std())  # a picture, not a flat fill
