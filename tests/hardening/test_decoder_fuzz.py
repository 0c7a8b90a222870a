"""Fuzzing the decoder: any bytes give an RGB image or an ImageError with a reason, quickly."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from animeid_desktop.core.media import images
from animeid_desktop.core.media.images import ImageError, load_rgb, probe, thumbnail
from tests.hardening.malformed import apply_ops, op_strategy, seed_images, slow_jpeg, special_inputs

SEEDS = sorted(seed_images())


def _decode_outcome(data: bytes):
    """('ok', image) or ('error', reason); anything else propagates and fails the test."""
    try:
        return "ok", load_rgb(data, time_limit=10)
    except ImageError as exc:
        return "error", str(exc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(SEEDS), ops=st.lists(op_strategy(), min_size=1, max_size=4))
def test_mutated_images_decode_or_fail_with_a_reason(name, ops):
    fmt, data = seed_images()[name]
    mutated = apply_ops(data, fmt, ops)
    started = time.monotonic()
    kind, value = _decode_outcome(mutated)
    assert time.monotonic() - started < 5
    if kind == "ok":
        assert value.mode == "RGB" and value.width > 0 and value.height > 0
        assert value.width * value.height <= images.MAX_PIXELS
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
