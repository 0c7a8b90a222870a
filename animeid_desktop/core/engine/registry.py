"""Model registry: the backbones AnimeID can train, their input size and normalisation.

A :class:`Network` is a backbone (image -> feature vector) plus one linear layer ``fc`` (feature ->
character logits). Head training learns only ``fc`` on cached features; fine-tuning learns both.
Where the pretrained weights come from is :mod:`animeid_desktop.core.engine.weights`' business.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

import torch
from torch import nn

from animeid_desktop.core.engine import efficientnet_lite
from animeid_desktop.core.errors import UserError

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


@dataclass(frozen=True)
class ModelSpec:
    """Everything the engine needs to know about one architecture."""

    name: str
    title: str
    arch: str  # constructor name in its family
    feature_dim: int
    params_m: float  # backbone parameters, millions
    description: str = ""
    family: str = "torchvision"  # or "timm"
    input_size: int = 224
    # The packaged Lite0 weights expect ImageNet statistics too (checked: 0.5/0.5 costs ~3 points on newgame8).
    mean: Tuple[float, float, float] = IMAGENET_MEAN
    std: Tuple[float, float, float] = IMAGENET_STD
    classifier_prefix: str = "classifier."  # state-dict prefix of the ImageNet classifier we replace
    hub_files: Tuple[str, ...] = ()  # torch hub cache file names, preferred first
    download_url: Optional[str] = None


_TV = "https://download.pytorch.org/models/"


def _torchvision(name: str, title: str, *, feature_dim: int, params_m: float, hub_files: Tuple[str, ...],
                 description: str, **extra) -> ModelSpec:
    """A torchvision architecture whose weights download from PyTorch's model site (first hub file)."""
    return ModelSpec(name=name, title=title, arch=name, feature_dim=feature_dim, params_m=params_m,
                     description=description, hub_files=hub_files, download_url=_TV + hub_files[0], **extra)


SPECS: Dict[str, ModelSpec] = {
    s.name: s
    for s in (
        ModelSpec(name="efficientnet_lite0", title="EfficientNet-Lite0", arch="tf_efficientnet_lite0",
                  feature_dim=1280, params_m=3.4, family="timm",
                  description="fast on a CPU; ImageNet weights ship with the program (fine-tune default)"),
        ModelSpec(name="anime_lite0", title="Anime Lite0", arch="tf_efficientnet_lite0",
                  feature_dim=1280, params_m=3.4, family="timm",
                  description="Lite0 trained on anime characters; ships with the program (instant default)"),
        ModelSpec(name="efficientnet_lite1", title="EfficientNet-Lite1", arch="tf_efficientnet_lite1",
                  feature_dim=1280, params_m=4.1, family="timm", input_size=240,
                  description="a size up from Lite0 (240 px), slower; ImageNet weights from its pip package "
                              "or an imported file"),
        ModelSpec(name="efficientnet_lite2", title="EfficientNet-Lite2", arch="tf_efficientnet_lite2",
                  feature_dim=1280, params_m=4.8, family="timm", input_size=260,
                  description="two sizes up from Lite0 (260 px), slower still; ImageNet weights from its pip "
                              "package or an imported file"),
        _torchvision("mobilenet_v2", "MobileNetV2", feature_dim=1280, params_m=2.2,
                     hub_files=("mobilenet_v2-7ebf99e0.pth", "mobilenet_v2-b0353104.pth"),
                     description="smallest and fastest; a little less accurate"),
        _torchvision("efficientnet_b0", "EfficientNet-B0", feature_dim=1280, params_m=4.0,
                     hub_files=("efficientnet_b0_rwightman-7f5810bc.pth", "efficientnet_b0_rwightman-3dd342df.pth"),
                     description="accurate, slower than Lite0 on a CPU"),
        _torchvision("efficientnet_b3", "EfficientNet-B3", feature_dim=1536, params_m=10.7, input_size=300,
                     hub_files=("efficientnet_b3_rwightman-b3899882.pth", "efficientnet_b3_rwightman-cf984f9c.pth"),
                     description="most accurate; needs a GPU to fine-tune in reasonable time"),
        _torchvision("resnet50", "ResNet-50", feature_dim=2048, params_m=23.5, classifier_prefix="fc.",
                     hub_files=("resnet50-11ad3fa6.pth", "resnet50-0676ba61.pth"),
                     description="classic large backbone; slow on a CPU"),
    )
}

MODEL_NAMES: List[str] = list(SPECS)
DEFAULT_MODEL = "efficientnet_lite0"  # ImageNet weights: fine-tuning starts here; duplicates-by-look read it
ANIME_MODEL = "anime_lite0"  # trained on anime characters: head mode, clusters, attribute heads (decisions 0018, 0019)


def get_spec(name: str) -> ModelSpec:
    """The spec of model ``name``; a :class:`UserError` listing the known names otherwise."""
    spec = SPECS.get(name)
    if spec is None:
        raise UserError(f"unknown model {name!r}; known models: {', '.join(MODEL_NAMES)}")
    return spec


def weights_status(name: str) -> dict:
    """Where pretrained weights for ``name`` would come from right now (no download attempted).

    ``{"available": bool, "source": "package"|"hub-cache"|"imported"|"shipped"|None, "path": str|None}``.
    """
    from animeid_desktop.core.engine.weights import find_weights

    found = find_weights(get_spec(name).name)
    if found is None:
        return {"available": False, "source": None, "path": None}
    return {"available": True, "source": found.source, "path": found.path}


# ---------------------------------------------------------------------------------------- networks
def create_backbone(spec: ModelSpec) -> nn.Module:
    """The architecture of ``spec`` with random weights and no classifier: images -> (N, feature_dim).

    EfficientNet-Lite0 is built without importing timm (:mod:`.efficientnet_lite`: the same modules
    and arithmetic, other random values); :func:`seeded_backbone` keeps timm's random values.
    """
    if spec.family == "timm" and spec.arch in efficientnet_lite.SCALES:
        return efficientnet_lite.EfficientNetLite(spec.arch)
    return _library_backbone(spec)


def _library_backbone(spec: ModelSpec) -> nn.Module:
    """``spec``'s architecture as timm or torchvision builds it (random weights, no classifier)."""
    if spec.family == "timm":
        import timm

        return timm.create_model(spec.arch, pretrained=False, num_classes=0)
    import torchvision.models as tvm

    model = getattr(tvm, spec.arch)(weights=None)
    if spec.classifier_prefix == "fc.":
        model.fc = nn.Identity()
    else:
        model.classifier = nn.Identity()
    return model



class Network(nn.Module):
    """Backbone plus one linear layer: the whole character recogniser."""

    def __init__(self, backbone: nn.Module, feature_dim: int, num_classes: int, dropout: float = 0.0) -> None:
        super().__init__()
        self.backbone = backbone
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(feature_dim, num_classes)

    def features(self, x: torch.Tensor) -> torch.Tensor:
        """Pooled backbone features, shape (N, feature_dim)."""
        return self.backbone(x)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.dropout(self.backbone(x)))


def seeded_backbone(spec: ModelSpec, seed: int = 0) -> nn.Module:
    """A randomly initialised backbone that is the same for the same seed (and torch version)."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return _library_backbone(spec)


def param_count(module: nn.Module) -> int:
    """Number of parameters of a module."""
    return sum(p.numel() for p in module.parameters())


def stage_units(backbone: nn.Module) -> List[nn.Module]:
    """The backbone's layers with parameters, input side first: top-level children with the
    ``blocks``/``features`` stage containers (timm, torchvision) expanded one level."""
    units: List[nn.Module] = []
    for name, child in backbone.named_children():
        parts = list(child.children()) if name in ("blocks", "features") else [child]
        units.extend(p for p in parts if any(True for _ in p.parameters()))
    return units


def freeze_early(backbone: nn.Module, fraction: float) -> List[nn.Module]:
    """Freeze (no gradients) the first ``fraction`` of :func:`stage_units`; returns the frozen units.

    Their batch norms must stay in eval mode while the rest trains (see :func:`keep_frozen_eval`).
    """
    units = stage_units(backbone)
    frozen = units[: int(len(units) * max(0.0, min(1.0, fraction)))]
    for unit in frozen:
        for p in unit.parameters():
            p.requires_grad_(False)
    return frozen


def keep_frozen_eval(frozen: List[nn.Module]) -> None:
    """Put frozen units back in eval mode (call after ``network.train()``)."""
    for unit in frozen:
        unit.eval()
