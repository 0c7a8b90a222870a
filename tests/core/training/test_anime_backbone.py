"""The anime-aware backbone: built from character folders, stored fp16, loaded as ``anime_lite0`` weights."""

from __future__ import annotations

import pytest
import torch
from safetensors.torch import load_file

from animeid_desktop.core.demo.synthetic import write_folder
from animeid_desktop.core.engine.registry import get_spec, weights_status
from animeid_desktop.core.engine.weights import (
    import_weights,
    pretrained_backbone,
    resolve_weights,
    shipped_weights_path,
)
from animeid_desktop.core.errors import Cancelled, UserError
from animeid_desktop.core.training.anime_backbone import BackboneRecipe, build_anime_backbone

TINY = BackboneRecipe(epochs=3, size=64, batch_size=6)


@pytest.fixture
def two_sets(tmp_path):
    """Two generated sets of two characters each (12 small pictures per character)."""
    for k in range(2):
        write_folder(tmp_path / f"set{k}", n_characters=2, per_character=12, size=72, seed=k, attrs_file=False)
    return [tmp_path / "set0", tmp_path / "set1"]


def test_build_trains_every_character_and_loads_as_anime_lite0(two_sets, tmp_path, monkeypatch):
    out = tmp_path / "anime.safetensors"
    outcome = build_anime_backbone(two_sets, out=out, recipe=TINY)
    assert outcome.images == 48 and len(outcome.characters) == 4
    assert outcome.characters[0].startswith("set0/") and outcome.characters[-1].startswith("set1/")
    assert outcome.losses[-1] < outcome.losses[0]  # it learns
    stored = load_file(str(out))
    assert {t.dtype for t in stored.values() if t.is_floating_point()} == {torch.float16}
    start = pretrained_backbone(get_spec("efficientnet_lite0"),
                                resolve_weights("efficientnet_lite0", allow_download=False)).state_dict()
    changed = [k for k, v in stored.items() if v.is_floating_point()
               and not torch.allclose(v.float(), start[k].half().float())]
    assert changed and "conv_stem.weight" not in changed  # the input side stays at ImageNet (frozen)
    monkeypatch.setenv("ANIMEID_WEIGHTS_DIR", str(tmp_path / "weights"))
    import_weights(out, "anime_lite0")  # checked tensor by tensor like any weights file
    assert weights_status("anime_lite0")["source"] == "imported"  # the user's file before the shipped one
    loaded = pretrained_backbone(get_spec("anime_lite0"), resolve_weights("anime_lite0", allow_download=False))
    assert torch.equal(loaded.state_dict()[changed[0]].half(), stored[changed[0]])


def test_build_can_be_cancelled_and_writes_nothing(two_sets, tmp_path):
    out = tmp_path / "anime.safetensors"
    with pytest.raises(Cancelled):
        build_anime_backbone(two_sets, out=out, recipe=TINY, should_stop=lambda: True)
    assert not out.exists()


def test_one_character_is_not_enough(tmp_path):
    write_folder(tmp_path / "set", n_characters=1, per_character=3, size=48, attrs_file=False)
    with pytest.raises(UserError, match="two character folders"):
        build_anime_backbone([tmp_path / "set"], out=tmp_path / "x.safetensors", recipe=TINY)


def test_the_shipped_backbone_is_found_offline_and_fits_lite0():
    path = shipped_weights_path("anime_lite0")
    assert path is not None and path.stat().st_size < 8 * 2**20  # fp16, a few MB
    ws = resolve_weights("anime_lite0", allow_download=False)
    assert ws.source in ("shipped", "imported") and ws.pretrained
    pretrained_backbone(get_spec("anime_lite0"), ws)  # shapes checked against the architecture
