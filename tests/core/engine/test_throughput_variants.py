"""benchmarks/_throughput_variants.py: the ONNX Runtime path gives the torch features and logits."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from animeid_desktop.core.engine.preprocess import Preprocessing

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))
pytest.importorskip("onnxruntime")
import _throughput_variants as variants  # noqa: E402


def test_onnxruntime_matches_torch_features_and_logits():
    torch.manual_seed(0)
    backbone = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2), nn.BatchNorm2d(8), nn.ReLU(),
                             nn.AdaptiveAvgPool2d(1), nn.Flatten())
    backbone[1].running_mean.uniform_(-0.5, 0.5)  # a batch norm worth folding
    backbone.eval()
    prep = Preprocessing(64, (0.5, 0.5, 0.5), (0.25, 0.25, 0.25), "fit", False, "full")
    w, b = torch.randn(3, 8), torch.randn(3)
    built = variants.ort_variants(backbone, prep, w, b, 1, [], ["onnxruntime"], log=lambda _m: None)
    ort = built["onnxruntime"]
    arrays = [np.random.default_rng(i).integers(0, 255, (64, 64, 3), dtype=np.uint8) for i in range(3)]
    feats = ort.embed_arrays(arrays)
    with torch.no_grad():
        ref = backbone(torch.as_tensor(ort.inputs(arrays)))
    assert feats.shape == (3, 8)
    assert np.allclose(feats, ref.numpy(), atol=1e-3, rtol=1e-3)
    assert np.allclose(ort.logits[-1], (ref @ w.T + b).numpy(), atol=1e-3, rtol=1e-3)
