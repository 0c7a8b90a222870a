"""Model size (issue 6, item 5): saved model files, fp32 vs fp16 storage, next to the reference write-up.

For each model a fine-tuned-layout file (backbone + ``fc`` for 8 characters, what ``train --mode
finetune`` writes) is saved with the app's ``save_model``, checked for optimizer state, then
rewritten with :func:`animeid_desktop.core.engine.fp16_storage.store_fp16` and loaded back with the app's
loader; ``top-1 same`` compares the fp32 and fp16 files' top-1 over 32 synthetic images (with
random weights and a random classifier, near-ties make this a pessimistic figure; the pretrained
model is the meaningful one). Head-only
runs store just ``fc`` (the backbone is referenced by its weights id), shown as ``head-only``.

Reference sizes (14.9 / 29.2 / 56.5 / 295.2 MB) are assumed to belong to MobileNetV2,
EfficientNet-B0, EfficientNet-B3 and ResNet-50 in that order (the write-up lists sizes, not a
mapping; ordering by parameter count is our assumption).

Usage: ``.venv/bin/python benchmarks/model_size.py``
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402
import torch  # noqa: E402
from _common import machine_line, print_table  # noqa: E402

REFERENCE_MB = {"mobilenet_v2": 14.9, "efficientnet_b0": 29.2, "efficientnet_b3": 56.5, "resnet50": 295.2}


def _meta(spec, prep, classes) -> dict:
    return {"run_id": "size", "model": spec.name, "mode": "finetune", "classes": classes,
            "preprocessing": prep.to_json(), "pretrained": False, "threshold": 0.5,
            "backbone": {"source": "finetuned", "weights_id": "run:size", "in_file": True}}


def measure(name: str, tmp: Path) -> list:
    from animeid_desktop.core.demo import synthetic
    from animeid_desktop.core.engine.fp16_storage import file_size_mb, optimizer_keys, store_fp16
    from animeid_desktop.core.engine.model_files import load_tensors, save_model
    from animeid_desktop.core.engine.preprocess import default_preprocessing, load_array
    from animeid_desktop.core.engine.registry import Network, get_spec, param_count, seeded_backbone
    from animeid_desktop.core.engine.saved_models import load_saved
    from animeid_desktop.core.engine.weights import find_weights, pretrained_backbone
    from animeid_desktop.core.recognition.recognizer import Recognizer

    spec = get_spec(name)
    prep = default_preprocessing(spec, size=96)  # small input: the file size does not depend on it
    classes = [f"c{i}" for i in range(8)]
    ws = find_weights(name)
    backbone = pretrained_backbone(spec, ws) if ws else seeded_backbone(spec, 1)
    net = Network(backbone, spec.feature_dim, len(classes))
    torch.nn.init.normal_(net.fc.weight, std=0.05)
    state = {k: v for k, v in net.state_dict().items()}
    d32, d16 = tmp / f"{name}-fp32", tmp / f"{name}-fp16"
    save_model(d32, state, _meta(spec, prep, classes))
    save_model(d16, state, _meta(spec, prep, classes))
    store_fp16(d16)
    save_model(tmp / f"{name}-head", {"fc.weight": net.fc.weight, "fc.bias": net.fc.bias}, _meta(spec, prep, classes))
    leaks = optimizer_keys(load_tensors(d32))
    written = synthetic.write_folder(tmp / f"{name}-img", n_characters=4, per_character=8, size=96, attrs_file=False)
    arrays = [load_array(str(p), prep) for ps in written.values() for p in ps]
    tops = []
    for d in (d32, d16):
        rec = Recognizer(load_saved(d), 0.5, torch.device("cpu"))
        os.environ["ANIMEID_PRECISION"] = "fp32"
        tops.append(np.argmax(rec.probabilities(arrays), 1))
        os.environ.pop("ANIMEID_PRECISION", None)
    same = 100.0 * float((tops[0] == tops[1]).mean())
    ref = REFERENCE_MB.get(name)
    s32, s16 = file_size_mb(d32), file_size_mb(d16)
    return [name, param_count(net) / 1e6, s32, s16, f"{s32 / s16:.2f}x", file_size_mb(tmp / f"{name}-head"),
            same, "pretrained" if ws else "random", len(leaks), ref if ref is not None else "-",
            f"{ref / s16:.1f}x" if ref is not None else "-"]


def main() -> int:
    from animeid_desktop.core.engine.registry import MODEL_NAMES

    print(machine_line())
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in MODEL_NAMES:
            rows.append(measure(name, Path(tmp)))
    print_table("Saved model size (MB = 10^6 bytes; 8 characters; no optimizer state)",
                ["model", "params M", "fp32 MB", "fp16 MB", "fp16 saving", "head-only MB", "top-1 same %",
                 "weights", "optimizer tensors", "reference MB", "reference / fp16"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
