"""Thread policy: the torch thread count while images decode in parallel, applied and restored."""

from __future__ import annotations

import torch

from animeid_desktop.core.engine import devices
from animeid_desktop.core.engine.devices import inference_threads, torch_threads
from animeid_desktop.core.engine.features import decode_stream


def test_inference_threads_is_the_core_count_unless_overridden(monkeypatch):
    monkeypatch.delenv("ANIMEID_INFERENCE_THREADS", raising=False)
    for cores, expected in ((1, 1), (2, 2), (16, 16)):
        monkeypatch.setattr(devices, "_physical_cores", lambda c=cores: c)
        assert inference_threads() == expected
    monkeypatch.setenv("ANIMEID_INFERENCE_THREADS", "3")
    assert inference_threads() == 3
    for bad in ("zero", "0", "-1"):  # ignored, not a crash
        monkeypatch.setenv("ANIMEID_INFERENCE_THREADS", bad)
        assert inference_threads() == 16


def test_decode_stream_applies_the_policy_to_its_consumer_and_restores(monkeypatch):
    monkeypatch.setenv("ANIMEID_INFERENCE_THREADS", "1")
    with torch_threads(2):
        seen = []
        for dec in decode_stream(range(5), lambda i: i, window=2, workers=2):
            seen.append((dec.array, torch.get_num_threads()))
        assert seen == [(i, 1) for i in range(5)]
        assert torch.get_num_threads() == 2
        stream = decode_stream(range(5), lambda i: i, window=2)
        next(stream)
        assert torch.get_num_threads() == 1
        stream.close()  # abandoned early (cancel): restored too
        assert torch.get_num_threads() == 2
