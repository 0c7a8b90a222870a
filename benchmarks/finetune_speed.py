"""Fine-tuning speed (issue 6, item 3): seconds per epoch and ms per image seen, engine vs naive.

* ``naive``: a hand-written loop: every epoch decodes every image at full size with PIL, torchvision
  ``RandomResizedCrop``/``RandomHorizontalFlip``/``ToTensor``/``Normalize`` in the training thread,
  fp32, default memory format, AdamW.
* ``engine``: ``training_finetune.finetune`` as ``train --mode finetune`` runs it: images decoded
  once at reduced size into an in-memory cache (``ImageStore``, parallel draft decoding), augmentation
  on a producer thread overlapping the step, channels_last, bf16/fp16 autocast where the device
  supports it. Its one-time decode is shown separately; epochs are timed from the epoch events
  (validation on 8 images included).

The naive epoch runs once before and once after the engine's epochs (same process) and is averaged.
The reference write-up trained 2,629 images for 22 h (B3), 2 h 45 m (B0), 2 h (MobileNetV2) and
1 h 30 m (ResNet50) with an unknown number of epochs; the table shows the per-image-seen time that
would imply at ``--ref-epochs`` (an assumption).

Usage: ``.venv/bin/python benchmarks/finetune_speed.py [--models mobilenet_v2,...] [--images 64]``
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402
import torch  # noqa: E402
from _common import dataset_items, machine_line, print_table  # noqa: E402

FOUR = ("mobilenet_v2", "efficientnet_b0", "efficientnet_b3", "resnet50")
REF_IMAGES = 2629
REF_HOURS = {"efficientnet_b3": 22.0, "efficientnet_b0": 2.75, "mobilenet_v2": 2.0, "resnet50": 1.5}  # write-up


def naive_epoch(net, spec, paths, y, batch: int, seed: int = 0) -> float:
    """Seconds for one naive fine-tuning epoch."""
    import torchvision.transforms as T
    from PIL import Image

    tf = T.Compose([T.RandomResizedCrop(spec.input_size), T.RandomHorizontalFlip(), T.ToTensor(),
                    T.Normalize(spec.mean, spec.std)])
    net.train()
    opt = torch.optim.AdamW(net.parameters(), lr=1e-4)
    order = np.random.default_rng(seed).permutation(len(paths))
    t = time.perf_counter()
    for start in range(0, len(order), batch):
        idx = order[start : start + batch]
        if len(idx) < 2:
            continue
        xs = []
        for i in idx:
            with Image.open(paths[i]) as im:
                xs.append(tf(im.convert("RGB")))
        loss = torch.nn.functional.cross_entropy(net(torch.stack(xs)), torch.as_tensor(y[idx]))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    return time.perf_counter() - t


def engine_epochs(net, spec, paths, y, val_paths, y_val, batch: int, epochs: int):
    """(one-time decode s, [epoch s]) of the engine's ``finetune``."""
    from animeid_desktop.core.engine.devices import pick_device
    from animeid_desktop.core.engine.preprocess import default_preprocessing, load_array
    from animeid_desktop.core.training.config import Recipe
    from animeid_desktop.core.training.finetune import finetune

    prep = default_preprocessing(spec)
    val = torch.from_numpy(np.stack([load_array(p, prep) for p in val_paths])).permute(0, 3, 1, 2).contiguous()
    marks = [time.perf_counter()]
    decoded = []

    def progress(done, total, message):
        if message == "decoding images" and done == total:
            decoded.append(time.perf_counter())

    recipe = Recipe(epochs=epochs, lr=1e-3, weight_decay=1e-4, batch_size=batch, mixup_alpha=0.2, label_smoothing=0.1)
    finetune(net, prep, train_paths=paths, y_train=y, val_images=val, y_val=y_val, recipe=recipe, device=pick_device(),
             tta_flip=False, on_epoch=lambda rec: marks.append(time.perf_counter()), on_progress=progress)
    start = decoded[0] if decoded else marks[0]
    times = [b - a for a, b in zip([start] + marks[1:-1], marks[1:])]
    return start - marks[0], times


def bench(name: str, items, batch: int, epochs: int, ref_epochs: int) -> list:
    from animeid_desktop.core.engine.devices import pick_device, precision_name
    from animeid_desktop.core.engine.registry import Network, get_spec, seeded_backbone
    from animeid_desktop.core.engine.weights import find_weights, pretrained_backbone

    spec = get_spec(name)
    classes = sorted({c for _p, c in items})
    y_all = np.array([classes.index(c) for _p, c in items])
    paths = [p for p, _c in items]
    train_paths, y = paths[8:], y_all[8:]
    ws = find_weights(name)

    def network():
        backbone = pretrained_backbone(spec, ws) if ws else seeded_backbone(spec, 0)
        return Network(backbone, spec.feature_dim, len(classes))

    naive_net = network()
    naive_epoch(naive_net, spec, train_paths[: 2 * batch], y, batch)  # warm-up
    n1 = naive_epoch(naive_net, spec, train_paths, y, batch, 1)
    decode_s, times = engine_epochs(network(), spec, train_paths, y, paths[:8], y_all[:8], batch, epochs)
    n2 = naive_epoch(naive_net, spec, train_paths, y, batch, 2)
    naive = (n1 + n2) / 2
    eng = float(np.mean(times[1:])) if len(times) > 1 else times[0]
    hours = REF_HOURS.get(name)
    ref_ms = hours * 3600 * 1000 / (REF_IMAGES * ref_epochs) if hours else float("nan")
    return [name, len(train_paths), f"{pick_device()} {precision_name(pick_device())}", naive, decode_s, times[0],
            eng, f"{naive / eng:.2f}x", 1000 * naive / len(train_paths), 1000 * eng / len(train_paths), ref_ms,
            REF_IMAGES * eng / len(train_paths)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", default=",".join(FOUR))
    parser.add_argument("--images", type=int, default=72, help="newgame8 images per model (8 of them validate)")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--epochs", type=int, default=2, help="engine epochs (the first one is reported apart)")
    parser.add_argument("--ref-epochs", type=int, default=100, help="assumed epochs of the reference (unknown)")
    args = parser.parse_args(argv)
    items = dataset_items(args.images)
    if not items:
        print("newgame8 is not available; nothing to measure")
        return 0
    print(machine_line(), flush=True)
    rows = []
    for name in args.models.split(","):
        rows.append(bench(name, items, args.batch, args.epochs, args.ref_epochs))
        print(f"  done {name} ({machine_line()}): {rows[-1]}", flush=True)
    print_table(f"Fine-tuning speed on newgame8 (batch {args.batch}; naive = mean of one epoch before and after)",
                ["model", "train imgs", "device", "naive s/epoch", "engine decode once s", "engine epoch 1 s",
                 "engine s/epoch", "vs naive", "naive ms/img seen", "engine ms/img seen",
                 f"ref ms/img seen @{args.ref_epochs} ep", "engine s/epoch @2,629 imgs"], rows)
    print(f"\nreference training times: {REF_HOURS} h for {REF_IMAGES:,} images; ms/img seen = hours / "
          f"(2,629 x epochs), epochs assumed {args.ref_epochs} (the write-up does not say).  after: {machine_line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
