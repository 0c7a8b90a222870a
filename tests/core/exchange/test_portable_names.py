"""Exported folder and file names that every file system accepts: Windows device names, reserved
characters, trailing dots and spaces, long and Unicode names, names one file system treats as equal."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.exchange.exports import export_captions
from animeid_desktop.core.exchange.reference_files import MAX_NAME_BYTES, export_folders, safe_folder_name
from animeid_desktop.core.library.importer import import_paths


@pytest.mark.parametrize("name, safe", [
    ("CON", "_CON"), ("nul.txt", "_nul.txt"), ("Com1", "_Com1"), ("LPT\u00b9", "_LPT\u00b9"), ("aux .png", "_aux .png"),
    ("CONIN$", "_CONIN$"), ("conference", "conference"), ("COM10", "COM10"), ("NUL_x", "NUL_x"),
    ("dots...", "dots"), ("name. . ", "name"), ("  spaced  ", "spaced"), ("a<b>c|d", "a_b_c_d"),
    ("tab\there", "tab_here"), ("a/b\\c", "a_b_c"), ("..", "_"), ("", "_"), ("缇宝 ✨", "缇宝 ✨"),
])
def test_safe_names_are_valid_on_windows_macos_and_linux(name, safe):
    assert safe_folder_name(name) == safe


def test_long_names_are_cut_at_a_character_boundary():
    cut = safe_folder_name("あ" * 300)
    assert cut == "あ" * (MAX_NAME_BYTES // 3) and len(cut.encode("utf-8")) <= MAX_NAME_BYTES
    assert safe_folder_name("x" * 198 + " . " + "y" * 50) == "x" * 198  # no trailing dot or space after the cut


def _image(folder, name, seed):
    folder.mkdir(parents=True, exist_ok=True)
    synthetic.make_image(seed, size=40)[0].save(folder / name, "PNG")


@pytest.mark.skipif(sys.platform == "win32", reason="these source names cannot exist on Windows")
def test_export_folders_renames_what_windows_would_refuse(library, tmp_path):
    src = tmp_path / "src"
    for seed, name in enumerate(["CON.png", "nul.png", "a:b?.png", "ゲーム画像 ✨.png"]):
        _image(src / "one", name, seed)
    _image(src / "two", "pic.png", 9)
    import_paths(library, [src / "one"], character="CON")
    import_paths(library, [src / "two"], character="Trailing dot. ")
    info = export_folders(library, tmp_path / "out")
    assert info["failed"] == [] and info["copied"] == 5
    files = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.png"))
    assert files == ["Trailing dot/pic.png", "_CON/_CON.png", "_CON/_nul.png", "_CON/a_b_.png",
                     "_CON/ゲーム画像 ✨.png"]
    captions = export_captions(library, tmp_path / "captions")
    assert captions["failed"] == [] and captions["captions"] == 5
    assert sorted(p.name for p in (tmp_path / "captions" / "_CON").glob("*.txt")) == [
        "_CON.txt", "_nul.txt", "a_b_.txt", "ゲーム画像 ✨.txt"]


def test_names_equal_on_case_or_unicode_insensitive_file_systems_do_not_overwrite(library, tmp_path):
    nfc = unicodedata.normalize("NFC", "café.png")
    nfd = unicodedata.normalize("NFD", "café.png")
    _image(tmp_path / "a", nfc, 1)
    _image(tmp_path / "b", "CAFÉ.png", 2)
    _image(tmp_path / "c", nfd, 3)
    for sub in "abc":
        import_paths(library, [tmp_path / sub], character="Émile")
    info = export_folders(library, tmp_path / "out")
    names = sorted(p.name for p in (tmp_path / "out" / "Émile").iterdir())
    assert info["copied"] == 3 and len(names) == 3  # three files on every file system, none overwritten
    assert sum("_" not in n for n in names) == 1  # the first keeps its name, the others get a content suffix
    assert {unicodedata.normalize("NFC", n).casefold().split("_")[0] for n in names} == {"café.png", "café"}


def test_long_paths_are_exported(library, tmp_path):
    deep = tmp_path.joinpath(*(["nested_folder_" + "x" * 40] * 6))  # > 260 characters (Windows MAX_PATH)
    _image(deep, "pic.png", 4)
    import_paths(library, [deep], character="ア" * 120)
    info = export_folders(library, deep / "out")
    assert len(str(deep / "out")) > 260
    if sys.platform == "win32" and info["failed"]:
        pytest.xfail("Windows without LongPathsEnabled refuses paths over 260 characters")
    folder = safe_folder_name("ア" * 120)
    assert info["failed"] == [] and (deep / "out" / folder / "pic.png").is_file()
