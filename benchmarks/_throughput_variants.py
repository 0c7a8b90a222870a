"""ONNX Runtime and int8 variants for ``throughput.py`` (kept apart so that script stays short).

* ``onnxruntime``: the frozen backbone (batch norm folded) plus the linear head exported with
  ``torch.onnx.export`` to a temporary file and run by ONNX Runtime's CPU execution provider (fp32,
  graph optimisations on, intra-op threads = the engine's ``inference_threads()``). Decoding is the engine's: the same
  ``embed_sources`` thread pool at the target size, batches of 32.
* ``int8-ort``: that graph through ``onnxruntime.quantization.quantize_dynamic`` (int8 weights,
  activations quantised per batch at run time; convolutions become ``ConvInteger``).
* ``int8-ort-static``: static QDQ quantisation (``quantize_static``, per-channel int8 weights,
  activation ranges calibrated on the first 32 benchmark images, which are also measured: a small
  optimistic bias in its top-1): the variant that can use int8 dot-product instructions
  (AVX512-VNNI) for every convolution.

Not included: ``torch.ao.quantization.quantize_dynamic``. It quantises ``nn.Linear`` (and RNN)
layers only; in these CNNs that is the classifier, a rounding error of the runtime, so it cannot
speed up feature extraction. Static eager-mode quantisation of the torchvision/timm models would
need per-architecture ``QuantStub``/fusion surgery and a quantised engine: out of scope.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

import numpy as np
import torch
from torch import nn

ORT_VARIANTS = ("onnxruntime", "int8-ort", "int8-ort-static")


def available() -> Optional[str]:
    """None when onnx and onnxruntime import, else why not."""
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError as exc:
        return f"not installed ({exc.name}); pip install -e .[test]"
    return None


class _BackboneAndHead(nn.Module):
    """Backbone features and the head's logits, as one graph."""

    def __init__(self, backbone: nn.Module, weight: torch.Tensor, bias: torch.Tensor) -> None:
        super().__init__()
        self.backbone = backbone
        self.head = nn.Linear(weight.shape[1], weight.shape[0])
        with torch.no_grad():
            self.head.weight.copy_(weight)
            self.head.bias.copy_(bias)

    def forward(self, x: torch.Tensor):
        feats = self.backbone(x)
        return feats, self.head(feats)


def export_onnx(backbone: nn.Module, weight: torch.Tensor, bias: torch.Tensor, size: int, path: Path) -> Path:
    """Export fp32 ``backbone`` (batch norm folded) + linear head to ``path`` with a dynamic batch axis."""
    import copy

    from animeid_desktop.core.engine.batchnorm_folding import fold_batchnorm

    model = _BackboneAndHead(fold_batchnorm(copy.deepcopy(backbone)).float().eval(), weight, bias).eval()
    dummy = torch.zeros(2, 3, size, size)
    with warnings.catch_warnings():  # the TorchScript exporter is deprecated but exports these CNNs in seconds
        warnings.simplefilter("ignore", DeprecationWarning)
        torch.onnx.export(model, (dummy,), str(path), input_names=["input"], output_names=["features", "logits"],
                          dynamic_axes={"input": {0: "batch"}, "features": {0: "batch"}, "logits": {0: "batch"}},
                          opset_version=17, dynamo=False)
    return path


class OrtExtractor:
    """Duck-types :class:`~animeid_desktop.core.engine.features.FeatureExtractor` for ``embed_sources``;
    keeps the logits of each batch in ``logits``."""

    def __init__(self, model_path: Path, prep, threads: int) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        self.prep = prep
        self.logits: List[np.ndarray] = []

    def inputs(self, arrays: Sequence[np.ndarray]) -> np.ndarray:
        """Normalised float32 NCHW batch of uint8 HxWx3 arrays (single view)."""
        from animeid_desktop.core.engine.preprocess import to_batch

        return to_batch(arrays, self.prep, torch.device("cpu"), channels_last=False).numpy()

    def embed_arrays(self, arrays: Sequence[np.ndarray]) -> np.ndarray:
        from animeid_desktop.core.engine.preprocess import flatten_views

        flat, views = flatten_views(arrays)
        feats, logits = self.session.run(None, {"input": self.inputs(flat)})
        self.logits.append(logits.reshape(len(arrays), views, -1).mean(1))
        return feats.reshape(len(arrays), views, -1).mean(1).astype(np.float32)


class _Calibration:
    """``CalibrationDataReader`` over prepared batches."""

    def __init__(self, batches: List[np.ndarray]) -> None:
        self.batches = iter([{"input": b} for b in batches])

    def get_next(self):
        return next(self.batches, None)


def quantized(fp32_path: Path, kind: str, calibration: Optional[List[np.ndarray]] = None) -> Path:
    """int8 copy of an exported model: ``"dynamic"`` or ``"static"`` (QDQ, needs ``calibration``)."""
    from onnxruntime.quantization import QuantFormat, QuantType, quantize_dynamic, quantize_static
    from onnxruntime.quantization.shape_inference import quant_pre_process

    pre = fp32_path.with_name(fp32_path.stem + "-pre.onnx")
    out = fp32_path.with_name(f"{fp32_path.stem}-int8-{kind}.onnx")
    root, level = logging.getLogger(), logging.getLogger().level
    root.setLevel(logging.ERROR)  # the quantiser warns per tensor it leaves in float
    try:
        quant_pre_process(str(fp32_path), str(pre), skip_symbolic_shape=True)
        if kind == "dynamic":
            quantize_dynamic(str(pre), str(out), weight_type=QuantType.QInt8)
        else:
            quantize_static(str(pre), str(out), _Calibration(calibration or []), quant_format=QuantFormat.QDQ,
                            per_channel=True, activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8)
    finally:
        root.setLevel(level)
    return out


def ort_variants(backbone: nn.Module, prep, weight: torch.Tensor, bias: torch.Tensor, threads: int,
                 calibration_paths: Sequence[str], names: Sequence[str], log: Callable[[str], None] = print,
                 ) -> Dict[str, OrtExtractor]:
    """Extractors for the requested ``names`` among :data:`ORT_VARIANTS`; a variant that fails to build
    is reported through ``log`` and left out."""
    if not names:
        return {}
    why = available()
    if why:
        log(f"  ONNX Runtime variants skipped: {why}")
        return {}
    tmp = Path(tempfile.mkdtemp(prefix="animeid-ort-"))
    try:
        return _build(backbone, prep, weight, bias, threads, calibration_paths, names, log, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # sessions hold their graphs in memory


def _build(backbone, prep, weight, bias, threads, calibration_paths, names, log, tmp: Path):
    from animeid_desktop.core.engine.preprocess import load_input

    out: Dict[str, OrtExtractor] = {}
    try:
        fp32 = export_onnx(backbone, weight, bias, prep.size, tmp / "model.onnx")
    except Exception as exc:  # exporter gaps differ per model and torch version
        log(f"  ONNX export failed ({type(exc).__name__}: {str(exc)[:200]}); ONNX Runtime variants skipped")
        return {}
    for name in names:
        try:
            if name == "onnxruntime":
                path = fp32
            elif name == "int8-ort":
                path = quantized(fp32, "dynamic")
            elif name == "int8-ort-static":
                probe = OrtExtractor(fp32, prep, threads)
                arrays = [load_input(p, prep) for p in calibration_paths]
                batches = [probe.inputs(arrays[i : i + 8]) for i in range(0, len(arrays), 8)]
                path = quantized(fp32, "static", batches)
            else:
                continue
            extractor = OrtExtractor(path, prep, threads)
            extractor.embed_arrays([np.zeros((prep.size, prep.size, 3), np.uint8)])  # runs at all?
            extractor.logits.clear()
            out[name] = extractor
            log(f"  {name}: {os.path.getsize(path) / 1e6:.1f} MB graph")
        except Exception as exc:  # e.g. an operator without an int8 kernel
            log(f"  {name} failed ({type(exc).__name__}: {str(exc)[:200]}); left out")
    return out
