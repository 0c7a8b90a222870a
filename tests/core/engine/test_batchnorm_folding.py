"""Batch-norm folding for inference: same outputs, no batch norms left, originals untouched."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from animeid_desktop.core.engine.batchnorm_folding import fold_batchnorm
from animeid_desktop.core.engine.registry import get_spec, seeded_backbone


@pytest.mark.parametrize("name", ["efficientnet_lite0", "mobilenet_v2"])
def test_folded_backbone_matches_and_has_no_batchnorm(name):
    backbone = seeded_backbone(get_spec(name)).eval()
    # give the batch norms non-trivial statistics, as trained ones have
    for m in backbone.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 2.0)
    fused = fold_batchnorm(backbone)
    assert fused is not backbone
    assert not any(isinstance(m, nn.BatchNorm2d) for m in fused.modules())
    assert any(isinstance(m, nn.BatchNorm2d) for m in backbone.modules())  # the original is unchanged
    x = torch.rand(2, 3, 48, 48)
    with torch.no_grad():
        assert torch.allclose(fused(x), backbone(x), rtol=1e-3, atol=1e-4)


def test_modules_without_pairs_are_returned_as_they_are():
    plain = nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU())
    assert fold_batchnorm(plain) is plain
