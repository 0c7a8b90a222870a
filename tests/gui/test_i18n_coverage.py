"""Translation coverage: no unmarked user-visible literal in the GUI code, and the committed
translations (``translations/*.ts``, the package's ``.qm``) match what ``pyside6-lupdate`` finds in it."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "animeid_desktop" / "gui"
QM_DIR = ROOT / "animeid_desktop" / "resources" / "i18n"
ZH_TS = ROOT / "translations" / "animeid_zh_CN.ts"
EN_TS = ROOT / "translations" / "animeid_en.ts"

# method -> which positional arguments carry text: "first" (the first, or the second after an icon),
# "all", "list" (a list of labels as the first argument), an index, or "last"
TEXT_SETTERS = {
    **{name: 0 for name in ("setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle",
                            "setPlaceholderText", "setTitle", "setLabelText", "setSuffix", "setPrefix",
                            "setSpecialValueText", "setFormat", "showMessage")},
    "setLabel": "label", "addItem": "first", "insertItem": "first_after_index", "addAction": "first",
    "addMenu": "first", "addItems": "list", "setHorizontalHeaderLabels": "list", "setVerticalHeaderLabels": "list",
    "setHeaderLabels": "list", "setItemText": 1, "setTabText": 1, "addTab": "last", "insertTab": "last",
}
CONSTRUCTORS = ("QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QToolButton", "QMenu")
STATIC_DIALOGS = {
    ("QMessageBox", "information"): (1, 2), ("QMessageBox", "warning"): (1, 2), ("QMessageBox", "critical"): (1, 2),
    ("QMessageBox", "question"): (1, 2), ("QInputDialog", "getText"): (1, 2), ("QInputDialog", "getItem"): (1, 2),
    ("QFileDialog", "getOpenFileName"): (1, 3), ("QFileDialog", "getOpenFileNames"): (1, 3),
    ("QFileDialog", "getSaveFileName"): (1, 3), ("QFileDialog", "getExistingDirectory"): (1,),
}
TEXT_KEYWORDS = ("text", "title", "label", "caption", "filter", "toolTip")
LETTER = re.compile(r"[A-Za-z]")


def _has_letter(value) -> bool:
    return isinstance(value, str) and bool(LETTER.search(value))


def is_unmarked(node: Optional[ast.AST]) -> bool:
    """A str literal, f-string or concatenation/formatting of one that holds an ASCII letter."""
    if isinstance(node, ast.Constant):
        return _has_letter(node.value)
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and _has_letter(v.value) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return is_unmarked(node.left) or is_unmarked(node.right)
    if isinstance(node, ast.IfExp):
        return is_unmarked(node.body) or is_unmarked(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return is_unmarked(node.func.value)
    return False


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Call):
        return _name(node.func)
    return ""


def _is_icon(node: ast.AST) -> bool:
    return "icon" in _name(node).lower()


def _first_text(args: List[ast.AST], start: int = 0) -> List[ast.AST]:
    args = args[start:]
    if args and _is_icon(args[0]):
        args = args[1:]
    return args[:1]


def text_arguments(call: ast.Call) -> List[ast.AST]:
    """The arguments of ``call`` that are user-visible text (empty when it is no text call)."""
    func, args = call.func, list(call.args)
    keywords = [k.value for k in call.keywords if k.arg in TEXT_KEYWORDS]
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        positions = STATIC_DIALOGS.get((func.value.id, func.attr))
        if positions is not None:
            return [args[i] for i in positions if i < len(args)] + keywords
    if _name(func) in CONSTRUCTORS and isinstance(func, (ast.Name, ast.Attribute)):
        return _first_text(args) + keywords
    rule = TEXT_SETTERS.get(func.attr) if isinstance(func, ast.Attribute) else None
    if rule is None:
        return []
    if isinstance(rule, int):
        picked = args[rule:rule + 1]
    elif rule == "first":
        picked = _first_text(args)
    elif rule == "first_after_index":
        picked = _first_text(args, 1)
    elif rule == "label":  # pyqtgraph setLabel(axis, text)
        picked = args[1:2]
    elif rule == "last":
        picked = args[-1:]
    else:  # a list of labels
        picked = list(args[0].elts) if args and isinstance(args[0], (ast.List, ast.Tuple)) else args[:1]
    return picked + keywords


def scan_source(source: str, filename: str = "<snippet>") -> List[Tuple[str, int, str]]:
    """(file, line, code) of every unmarked user-visible literal; a ``# notr`` comment on any line of
    the call exempts it."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        end = getattr(node, "end_lineno", node.lineno) or node.lineno
        if any("# notr" in lines[n - 1] for n in range(node.lineno, end + 1)):
            continue
        if any(is_unmarked(arg) for arg in text_arguments(node)):
            found.append((filename, node.lineno, lines[node.lineno - 1].strip()))
    return found


def test_scanner_flags_unmarked_text_and_accepts_marked_text():
    bad = '''
label = QLabel("Hello")
button.setText(f"{n} images")
box.setToolTip("Click " + name)
combo.addItem(icon("x"), "Visible")
table.setHorizontalHeaderLabels([self.tr("Path"), "Size"])
QMessageBox.warning(self, "Problem", text)
menu.addAction("Open", slot)
bar.showMessage("Saved {n}".format(n=3))
tabs.addTab(page, "Settings")
plot.setLabel("left", "accuracy")
'''
    good = '''
label = QLabel(self.tr("Hello"))
button.setText(self.tr("%n image(s)", "", n))
box.setToolTip(QCoreApplication.translate("Ctx", "Click {name}").format(name=name))
combo.addItem(self.tr("All characters"), "all")
combo.addItem(name, name)
table.setHorizontalHeaderLabels([self.tr("Path"), self.tr("Size")])
QMessageBox.warning(self, title, text)
menu.addAction(path, slot)
label.setText("AnimeID Desktop")  # notr
label.setText(f"{count:,}")
label.setText("")
label.setText(" · ")
plot.setLabel("left", self.tr("accuracy"))
layout.addWidget(QLabel())
'''
    assert [line for _f, line, _c in scan_source(bad)] == list(range(2, 12))
    assert scan_source(good) == []


def test_every_user_visible_literal_in_the_gui_is_marked_for_translation():
    found = []
    for path in sorted(GUI.rglob("*.py")):
        found += scan_source(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert not found, "unmarked user-visible text (wrap it in tr()/translate(), or add # notr):\n" + "\n".join(
        f"{f}:{line}: {code}" for f, line, code in found)


# ------------------------------------------------------------------ .ts / .qm in sync with the code
Messages = Dict[Tuple[str, str], ET.Element]


def read_ts(path: Path) -> Messages:
    """{(context, source): <message>} of a .ts file."""
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            out[(name, message.findtext("source"))] = message
    return out


def lupdate() -> str:
    for candidate in (Path(sys.executable).parent / "pyside6-lupdate", shutil.which("pyside6-lupdate")):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    pytest.fail("pyside6-lupdate not found (it comes with PySide6)")


@pytest.fixture(scope="module")
def from_code(tmp_path_factory) -> Messages:
    """What lupdate finds in the GUI code and forms now."""
    out = tmp_path_factory.mktemp("lupdate") / "code.ts"
    sources = sorted(str(p) for p in GUI.rglob("*.py")) + sorted(str(p) for p in (ROOT / "ui").glob("*.ui"))
    subprocess.run([lupdate(), "-locations", "none", "-no-obsolete", *sources, "-ts", str(out)], check=True,
                   capture_output=True, cwd=ROOT)
    return read_ts(out)


def _finished(message: ET.Element) -> bool:
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    forms = [f.text for f in translation.iter("numerusform")] if message.get("numerus") == "yes" else [
        translation.text]
    return bool(forms) and all(forms)


def test_the_zh_CN_translation_holds_every_string_of_the_code_and_is_finished(from_code):
    committed = read_ts(ZH_TS)
    missing = sorted(key for key in from_code if key not in committed)
    assert not missing, f"not in {ZH_TS.name} (run `make translations` and translate): {missing}"
    unfinished = sorted(key for key in from_code if not _finished(committed[key]))
    assert not unfinished, f"unfinished in {ZH_TS.name}: {unfinished}"
    numerus = [k for k, m in from_code.items() if m.get("numerus") == "yes" and committed[k].get("numerus") != "yes"]
    assert not numerus, f"plural (%n) messages not marked numerus in {ZH_TS.name}: {numerus}"


def test_english_plural_forms_are_finished(from_code):
    committed = read_ts(EN_TS)
    plural = [key for key, message in from_code.items() if message.get("numerus") == "yes"]
    assert plural
    bad = [key for key in plural if key not in committed or not _finished(committed[key])
           or len(list(committed[key].iter("numerusform"))) != 2]
    assert not bad, f"English plural forms missing or unfinished in {EN_TS.name}: {bad}"


def _expected(message: ET.Element) -> str:
    forms = list(message.find("translation").iter("numerusform"))
    return forms[0].text if forms else message.find("translation").text


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_committed_qm_files_are_compiled_from_the_committed_ts(language):
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(QM_DIR / f"animeid_{language}.qm"))
    messages = read_ts(ZH_TS if language == "zh_CN" else EN_TS)
    stale = []
    for (context, source), message in messages.items():
        if not _finished(message):
            continue
        n = 1 if message.get("numerus") == "yes" else -1
        got = translator.translate(context, source, None, n)
        if got != _expected(message).replace("%n", "1") and got != _expected(message):
            stale.append((context, source, got))
    assert not stale, f"animeid_{language}.qm is stale (run `make translations`): {stale[:10]}"
