"""Applying a model's open set at recognition: general features in, "unknown" flags and scores out.

Head models read general features already (one pass); fine-tuned models need a second pass through the
general backbone, which goes through its own embedding cache (the same one training filled).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional, Tuple

import numpy as np
import torch
from torch import nn

from animeid_desktop.core.engine.features import EmbeddingCache, FeatureExtractor
from animeid_desktop.core.engine.openset import OpenSet, general_weights
from animeid_desktop.core.engine.preprocess import Preprocessing
from animeid_desktop.core.engine.saved_models import SavedModel
from animeid_desktop.core.engine.weights import pretrained_backbone


@dataclass
class OpenSetGate:
    """A model's open set with the general features it reads."""

    openset: OpenSet
    prep: Preprocessing  # preprocessing of the general features
    shared: bool  # True when the model's own backbone features are the general ones (head mode)
    model: str
    weights_id: str
    backbone_factory: Optional[Callable[[], nn.Module]] = None  # the general backbone when not shared
    _extractor: Optional[FeatureExtractor] = field(default=None, repr=False)

    @classmethod
    def for_model(cls, saved: SavedModel) -> Tuple[Optional[OpenSetGate], str]:
        """(the gate, "") for a model with an open set; (None, why) when the plain threshold decides."""
        openset = saved.openset
        if openset is None:
            return None, "this model has no open-set calibration (trained before it existed, or too few characters)"
        prep = Preprocessing.from_json(openset.features["preprocessing"])
        weights_id = str(openset.features["weights_id"])
        if weights_id == saved.backbone_weights_id and prep.id == saved.prep.id:
            return cls(openset, prep, True, saved.spec.name, weights_id), ""
        ws = general_weights(saved.spec.name, weights_id)
        if ws is None:
            return None, f"the general weights {weights_id} its open set reads are gone"
        spec = saved.spec
        return cls(openset, prep, False, spec.name, weights_id, lambda: pretrained_backbone(spec, ws)), ""

    def extractor(self, device: torch.device) -> FeatureExtractor:
        """The general backbone's feature extractor (built once; only when not shared)."""
        if self._extractor is None:
            assert self.backbone_factory is not None
            self._extractor = FeatureExtractor(self.backbone_factory(), self.prep, device)
        return self._extractor

    def cache(self, embeddings_dir: str, variant: str = "") -> EmbeddingCache:
        """The embedding cache of the general features (of ``variant`` inputs in a cache of their own)."""
        return EmbeddingCache.for_library(embeddings_dir, self.model, self.weights_id, self.prep, variant)

    def decide(self, features: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        """(unknown flags, open-set scores) of general feature rows."""
        return self.openset.unknown(features)
