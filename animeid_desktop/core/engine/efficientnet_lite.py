"""EfficientNet-Lite0/1/2 in plain torch: timm's ``tf_efficientnet_lite0/1/2`` (no classifier), module for module.

Same module names, parameter names and shapes (timm checkpoints load strictly), same arithmetic
(TensorFlow "SAME" padding on strided convolutions, batch-norm epsilon 1e-3, ReLU6) and the same
random initialisation for the same seed. Building it needs neither timm nor torchvision, whose
imports (about 1.5 s: timm loads torchvision, torchvision.ops loads torch._dynamo) would otherwise
be most of the time it takes to recognise a few images.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

ARCH = "tf_efficientnet_lite0"
# (width, depth) multipliers of each size, as timm's _gen_efficientnet_lite scales them
SCALES = {"tf_efficientnet_lite0": (1.0, 1.0), "tf_efficientnet_lite1": (1.0, 1.1),
          "tf_efficientnet_lite2": (1.1, 1.2)}
BN_EPS = 1e-3  # TensorFlow's default, which the tf_ weights were trained with
STEM, FEATURES = 32, 1280  # not scaled in the Lite models
# Per stage: block kind (ds = depthwise separable, ir = inverted residual), repeats, kernel, first
# stride, expansion, output channels (timm's arch_def of efficientnet_lite0; the larger sizes scale it).
STAGES = (("ds", 1, 3, 1, 1, 16), ("ir", 2, 3, 2, 6, 24), ("ir", 2, 5, 2, 6, 40), ("ir", 3, 3, 2, 6, 80),
          ("ir", 3, 5, 1, 6, 112), ("ir", 4, 5, 2, 6, 192), ("ir", 1, 3, 1, 6, 320))


def round_channels(channels: int, width: float, divisor: int = 8) -> int:
    """timm's ``round_channels``: ``channels * width`` to a multiple of ``divisor``, never 10 % below it."""
    value = channels * width
    rounded = max(divisor, int(value + divisor / 2) // divisor * divisor)
    return rounded + divisor if rounded < 0.9 * value else rounded


def stage_plan(arch: str) -> list:
    """The stages of ``arch`` with its width and depth applied (first and last stage depth kept, as in timm)."""
    width, depth = SCALES[arch]
    last = len(STAGES) - 1
    return [(kind, repeats if i in (0, last) else math.ceil(repeats * depth), kernel, stride, expansion,
             round_channels(cout, width)) for i, (kind, repeats, kernel, stride, expansion, cout) in enumerate(STAGES)]


def _same_padding(size: int, kernel: int, stride: int) -> int:
    return max((math.ceil(size / stride) - 1) * stride + kernel - size, 0)


class Conv2dSame(nn.Conv2d):
    """A strided convolution with TensorFlow "SAME" padding: an odd extra pixel goes bottom/right."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        pad_h = _same_padding(x.shape[-2], self.kernel_size[0], self.stride[0])
        pad_w = _same_padding(x.shape[-1], self.kernel_size[1], self.stride[1])
        if pad_h or pad_w:
            x = F.pad(x, (pad_w // 2, pad_w - pad_w // 2, pad_h // 2, pad_h - pad_h // 2))
        return super().forward(x)


class BatchNormAct2d(nn.BatchNorm2d):
    """Batch norm followed by ReLU6 (or nothing), as timm's ``BatchNormAct2d``."""

    def __init__(self, channels: int, act: bool = True) -> None:
        super().__init__(channels, eps=BN_EPS)
        self.act = nn.ReLU6(inplace=True) if act else nn.Identity()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(super().forward(x))


def _conv(cin: int, cout: int, kernel: int, stride: int = 1, groups: int = 1) -> nn.Conv2d:
    if stride == 1:  # "SAME" is symmetric here
        return nn.Conv2d(cin, cout, kernel, 1, padding=kernel // 2, groups=groups, bias=False)
    return Conv2dSame(cin, cout, kernel, stride, padding=0, groups=groups, bias=False)


class DepthwiseSeparableConv(nn.Module):
    """Depthwise conv, batch norm + ReLU6, pointwise conv, batch norm."""

    def __init__(self, cin: int, cout: int, kernel: int, stride: int) -> None:
        super().__init__()
        self.conv_dw = _conv(cin, cin, kernel, stride, groups=cin)
        self.bn1 = BatchNormAct2d(cin)
        self.conv_pw = _conv(cin, cout, 1)
        self.bn2 = BatchNormAct2d(cout, act=False)
        self.has_skip = stride == 1 and cin == cout

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.bn2(self.conv_pw(self.bn1(self.conv_dw(x))))
        return x + y if self.has_skip else y


class InvertedResidual(nn.Module):
    """Pointwise expansion, depthwise conv, pointwise projection (MobileNetV2's block, no squeeze-excite)."""

    def __init__(self, cin: int, cout: int, kernel: int, stride: int, expansion: int) -> None:
        super().__init__()
        mid = cin * expansion
        self.conv_pw = _conv(cin, mid, 1)
        self.bn1 = BatchNormAct2d(mid)
        self.conv_dw = _conv(mid, mid, kernel, stride, groups=mid)
        self.bn2 = BatchNormAct2d(mid)
        self.conv_pwl = _conv(mid, cout, 1)
        self.bn3 = BatchNormAct2d(cout, act=False)
        self.has_skip = stride == 1 and cin == cout

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.bn3(self.conv_pwl(self.bn2(self.conv_dw(self.bn1(self.conv_pw(x))))))
        return x + y if self.has_skip else y


class EfficientNetLite(nn.Module):
    """Images (N, 3, H, W) -> pooled features (N, 1280), for ``arch`` one of :data:`SCALES`."""

    def __init__(self, arch: str = ARCH) -> None:
        super().__init__()
        self.conv_stem = _conv(3, STEM, 3, 2)
        self.bn1 = BatchNormAct2d(STEM)
        stages, cin = [], STEM
        for kind, repeats, kernel, stride, expansion, cout in stage_plan(arch):
            blocks = []
            for r in range(repeats):
                s = stride if r == 0 else 1
                blocks.append(DepthwiseSeparableConv(cin, cout, kernel, s) if kind == "ds"
                              else InvertedResidual(cin, cout, kernel, s, expansion))
                cin = cout
            stages.append(nn.Sequential(*blocks))
        self.blocks = nn.Sequential(*stages)
        self.conv_head = _conv(cin, FEATURES, 1)
        self.bn2 = BatchNormAct2d(FEATURES)
        self.num_features = FEATURES
        _init_weights(self)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.bn2(self.conv_head(self.blocks(self.bn1(self.conv_stem(x)))))
        return F.adaptive_avg_pool2d(x, 1).flatten(1)


@torch.no_grad()
def _init_weights(model: nn.Module) -> None:
    """timm's EfficientNet initialisation ("goog"), module by module in the same order."""
    for module in model.modules():
        if isinstance(module, nn.Conv2d):
            fan_out = module.kernel_size[0] * module.kernel_size[1] * module.out_channels // module.groups
            module.weight.normal_(0, math.sqrt(2.0 / fan_out))
        elif isinstance(module, nn.BatchNorm2d):
            module.weight.fill_(1.0)
            module.bias.zero_()
