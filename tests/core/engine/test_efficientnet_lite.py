"""The torch-only EfficientNet-Lite0/1/2 are timm's ``tf_efficientnet_lite0/1/2``: same state dict, same
outputs, and building one (as recognition does) imports neither timm nor torchvision."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import torch

from animeid_desktop.core.engine.batchnorm_folding import fold_batchnorm
from animeid_desktop.core.engine.efficientnet_lite import ARCH, SCALES, EfficientNetLite
from animeid_desktop.core.engine.registry import create_backbone, get_spec, seeded_backbone, stage_units

timm = pytest.importorskip("timm")
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module", params=sorted(SCALES))
def pair(request):
    """(timm's network with seeded random weights, ours with the same weights loaded strictly), per size."""
    theirs = timm.create_model(request.param, pretrained=False, num_classes=0).eval()
    with torch.no_grad():  # non-trivial batch-norm statistics, so that eps and order matter
        for module in theirs.modules():
            if isinstance(module, torch.nn.BatchNorm2d):
                module.running_mean.uniform_(-0.5, 0.5)
                module.running_var.uniform_(0.5, 2.0)
    ours = EfficientNetLite(request.param).eval()
    ours.load_state_dict(theirs.state_dict(), strict=True)
    return theirs, ours


def test_same_parameter_names_and_shapes(pair):
    theirs, ours = pair
    assert {k: v.shape for k, v in ours.state_dict().items()} == {k: v.shape for k, v in theirs.state_dict().items()}
    assert len(stage_units(ours)) == len(stage_units(theirs))


@pytest.mark.parametrize("size", [(64, 64), (65, 71), (224, 224)])
def test_same_outputs_at_even_and_odd_sizes(pair, size):
    theirs, ours = pair
    x = torch.rand(2, 3, *size, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        expected, got = theirs(x), ours(x)
    assert got.shape == (2, 1280)
    torch.testing.assert_close(got, expected, rtol=1e-5, atol=1e-5)


def test_batchnorm_folds_as_in_timm(pair):
    _theirs, ours = pair
    folded = fold_batchnorm(ours)
    assert folded is not ours  # every conv + batch norm pair merged and checked against the original
    x = torch.rand(1, 3, 96, 96, generator=torch.Generator().manual_seed(2))
    with torch.no_grad():
        torch.testing.assert_close(folded(x), ours(x), rtol=1e-3, atol=1e-3)


def test_registry_builds_ours_and_seeds_timms():
    spec = get_spec("efficientnet_lite0")
    assert all(isinstance(create_backbone(get_spec(n)), EfficientNetLite) for n in ("efficientnet_lite0",
                                                                                  "efficientnet_lite1",
                                                                                  "efficientnet_lite2"))
    # Random initialisations stay timm's (cached features of random weights keep their meaning).
    torch.manual_seed(0)
    reference = timm.create_model(ARCH, pretrained=False, num_classes=0).state_dict()
    seeded = seeded_backbone(spec, 0).state_dict()
    assert all(torch.equal(seeded[k], v) for k, v in reference.items())


def test_building_the_backbone_imports_neither_timm_nor_torchvision():
    code = ("import sys; from animeid_desktop.core.engine.registry import create_backbone, get_spec; "
            "from animeid_desktop.core.recognition import recognizer; "
            "create_backbone(get_spec('efficientnet_lite0')); "
            "print(sorted(m for m in ('timm', 'torchvision') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
