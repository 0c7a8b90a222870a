"""The bundle ships the translations where the app looks for them, and the smoke test checks the zh_CN run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.packaging.conftest import load_plan

ROOT = Path(__file__).resolve().parents[2]


def test_our_qm_files_and_qts_own_land_where_the_bundled_app_reads_them(plan):
    from animeid_desktop.gui import i18n

    datas = plan.data_files()
    ours = {Path(src).name: dest for src, dest in datas if src.endswith(".qm") and "PySide6" not in src}
    assert ours == {"animeid_en.qm": plan.I18N_DIR, "animeid_zh_CN.qm": plan.I18N_DIR}
    (qt_dest,) = [dest for src, dest in datas if Path(src).name == "qtbase_zh_CN.qm"]
    assert qt_dest == f"{plan.I18N_DIR}/qt"
    # in the bundle the package lives in _MEIPASS: i18n.py's folder and the fallback for Qt's catalogue
    assert i18n.qm_dir() == ROOT / plan.I18N_DIR
    assert i18n.qt_translations_dirs()[-1] == ROOT / qt_dest


def test_pyproject_ships_the_qm_files_as_package_data():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"resources/i18n/*.qm"' in text
    assert sorted(p.name for p in (ROOT / "animeid_desktop" / "resources" / "i18n").glob("*.qm")) == [
        "animeid_en.qm", "animeid_zh_CN.qm"]


def test_smoke_test_checks_the_language_the_self_test_reports():
    smoke = load_plan("smoke_test.py")
    ok = "self-test: ok · language: zh_CN (animeid_zh_CN.qm loaded, qtbase_zh_CN.qm loaded) · pages: Gallery"
    assert smoke.check_language(ok, "zh_CN").startswith("language: zh_CN")
    for bad, why in [
        (ok.replace("zh_CN (", "en ("), "expected zh_CN"),
        (ok.replace("qtbase_zh_CN.qm loaded", "qtbase_zh_CN.qm missing"), "expected zh_CN"),
        ("self-test: ok · language: en (animeid_en.qm loaded, no CJK font: English instead of zh_CN)",
         "fonts-noto-cjk"),
        ("self-test: ok · pages: Gallery", "did not report"),
    ]:
        with pytest.raises(smoke.StepFailed, match=why):
            smoke.check_language(bad, "zh_CN")
