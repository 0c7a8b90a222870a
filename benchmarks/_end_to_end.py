"""End to end recognition, process start to last answer: ``animeid recognize FOLDER`` against a naive script.

Both are fresh interpreters over the same files with the same trained head-only Lite0 run, so the
imports (torch, and for the naive script timm + torchvision) and the model loading count, as they do
for a user. The naive script is what one writes by hand: timm's model, PIL full decode, torchvision
``Resize``/``ToTensor``/``Normalize``, one eager fp32 forward per image, softmax top-3.

``animeid`` is the default: the head's views chosen by cross-validation (three views of each picture
on newgame8) and each detected face's crop recognised as well, so about six network passes per
picture that has a face against the naive script's one. ``animeid --no-faces`` leaves the faces out;
``animeid, one view, --no-faces`` (a ``--views full`` run of the same head) does the naive script's
work: the like-for-like row.
Rounds rotate the order of the variants (the machine is shared); medians and ratios are printed.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List

from _common import ROOT

NAIVE = r"""
import sys, torch, timm, torchvision.transforms as T
from pathlib import Path
from PIL import Image
from safetensors.torch import load_file
backbone_file, head_file, classes, size, folder = sys.argv[1:6]
classes, size = classes.split(","), int(size)
model = timm.create_model("tf_efficientnet_lite0", pretrained=False, num_classes=0).eval()
model.load_state_dict(load_file(backbone_file))
head = load_file(head_file)
tf = T.Compose([T.Resize((size, size)), T.ToTensor(), T.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])
with torch.no_grad():
    for path in sorted(Path(folder).rglob("*.jpg")):
        with Image.open(path) as im:
            x = tf(im.convert("RGB")).unsqueeze(0)
        probs = torch.softmax(model(x) @ head["fc.weight"].T + head["fc.bias"], 1)[0]
        top = probs.topk(3)
        print(path, [(classes[i], round(float(p), 3)) for p, i in zip(top.values, top.indices)])
"""


def _run(cmd: List[str], cwd: Path, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(cwd), "ANIMEID_OFFLINE": "1"}
    return subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True, text=True, **kw)


def prepare(folder: Path, tmp: Path) -> Dict[str, object]:
    """Import ``folder`` into a library in ``tmp``, train a head-only Lite0 run; the naive script's inputs."""
    from safetensors.torch import save_file

    from animeid_desktop.core.engine.model_files import load_tensors
    from animeid_desktop.core.engine.registry import get_spec
    from animeid_desktop.core.engine.weights import find_weights, load_backbone_state

    lib = tmp / "lib"
    animeid = [sys.executable, "-m", "animeid_desktop", "--library", str(lib)]
    _run(animeid + ["import", str(folder)], ROOT)
    train = animeid + ["train", "--mode", "head", "--model", "efficientnet_lite0", "--quiet"]
    _run(train + ["--views", "full"], ROOT)
    _run(train, ROOT)  # the default (views chosen), left active
    runs = json.loads(_run(animeid + ["models", "--json"], ROOT).stdout)
    run = next(r for r in runs if r["active"])
    single = next(r for r in runs if not r["active"])
    spec = get_spec("efficientnet_lite0")
    ws = find_weights(spec.name)
    if ws is None:
        raise SystemExit("no pretrained Lite0 weights here; the end-to-end comparison needs them")
    save_file({k: v.contiguous() for k, v in load_backbone_state(spec, ws).items()}, str(tmp / "backbone.safetensors"))
    head = load_tensors(run["path"])
    save_file({k: head[k].contiguous() for k in ("fc.weight", "fc.bias")}, str(tmp / "head.safetensors"))
    return {"lib": lib, "classes": ",".join(run["classes"]), "size": spec.input_size, "single": single["id"]}


def commands(folder: Path, tmp: Path, info: Dict[str, object], others: List[Path]) -> Dict[str, tuple]:
    """name -> (command, checkout it runs in)."""
    recognize = ["-m", "animeid_desktop", "--library", str(info["lib"]), "recognize", str(folder), "--json"]
    out = {"naive": ([sys.executable, "-c", NAIVE, str(tmp / "backbone.safetensors"), str(tmp / "head.safetensors"),
                      str(info["classes"]), str(info["size"]), str(folder)], ROOT),
           "animeid": ([sys.executable, *recognize], ROOT),
           "animeid --no-faces": ([sys.executable, *recognize, "--no-faces"], ROOT),
           "animeid, one view, --no-faces": ([sys.executable, *recognize, "--no-faces", "--run", str(info["single"])],
                                             ROOT)}
    for other in others:
        out[f"animeid@{other.name}"] = ([sys.executable, *recognize], other)
    return out


def end_to_end(folder: Path, rounds: int, others: List[Path]) -> None:
    """Print the median wall time of each variant over ``rounds`` rotating rounds, and its speed-up over naive."""
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        info = prepare(folder, tmp)
        cmds = commands(folder, tmp, info, others)
        names = list(cmds)
        times: Dict[str, List[float]] = {n: [] for n in names}
        answers: Dict[str, int] = {}
        for k in range(rounds):
            for n in names[k % len(names):] + names[: k % len(names)]:
                cmd, cwd = cmds[n]
                t = time.perf_counter()
                proc = _run(cmd, cwd)
                times[n].append(time.perf_counter() - t)
                answers[n] = len(proc.stdout.splitlines())
    naive = statistics.median(times["naive"])
    print(f"\nEnd to end: {folder.name}, process start to last answer, median of {rounds} rotating round(s)")
    print(f"{'variant':<32}{'answers':>8}{'median s':>10}{'min s':>8}{'vs naive':>10}")
    for n in names:
        median = statistics.median(times[n])
        print(f"{n:<32}{answers[n]:>8}{median:>10.2f}{min(times[n]):>8.2f}{naive / median:>9.2f}x")
