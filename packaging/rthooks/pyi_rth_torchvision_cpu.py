"""PyInstaller runtime hook: let ``import torchvision`` work when its C++ ops are absent.

The CPU bundle ships the CPU build of torch beside a torchvision wheel whose compiled ops
(``torchvision/_C.so``) link against CUDA libraries that the CPU bundle leaves out, so the spec
drops that file. torchvision then runs without its C++ ops (nms, roi_align, deform_conv2d,
``torchvision.io`` decoding); everything AnimeID uses (models, transforms, timm) is pure
Python/torch. torchvision >= 0.2x registers fake kernels for ``torchvision::nms``/``qnms``
unconditionally at import time, which raises "operator torchvision::nms does not exist" when
the ops were never loaded. This hook declares those two operator schemas (no kernels) just
before ``torchvision._meta_registrations`` runs, and only when the C++ ops failed to load;
calling ``torchvision.ops.nms`` still raises torchvision's own clear "Couldn't load custom C++
ops" error. With a torchvision whose ops load (GPU build, or a ``+cpu`` torchvision) it does
nothing.
"""

import importlib.abc
import sys

_SCHEMAS = (
    "nms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor",
    "qnms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor",
)
_kept_libraries = []  # torch.library.Library objects must stay alive or their ops vanish


def _declare_missing_torchvision_ops() -> None:
    import torch
    import torchvision.extension

    if torchvision.extension._has_ops():
        return
    library = torch.library.Library("torchvision", "DEF")
    for schema in _SCHEMAS:
        library.define(schema)
    _kept_libraries.append(library)


class _TorchvisionOpsShim(importlib.abc.MetaPathFinder):
    """Runs the declaration once, when torchvision imports its meta registrations."""

    done = False  # stays in sys.meta_path (removing it mid-lookup would skip the next finder)

    def find_spec(self, fullname, path=None, target=None):
        if fullname == "torchvision._meta_registrations" and not self.done:
            self.done = True
            _declare_missing_torchvision_ops()
        return None  # the regular importers load the module itself


sys.meta_path.insert(0, _TorchvisionOpsShim())
