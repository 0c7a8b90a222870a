"""Small modules and short functions: the core's shape limits, checked on its sources."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "animeid_desktop" / "core"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80


def long_modules(root: Path) -> list:
    """``relative/path.py`` of every module under ``root`` longer than the limit."""
    return [p.relative_to(root).as_posix() for p in sorted(root.rglob("*.py"))
            if len(p.read_text(encoding="utf-8").splitlines()) > MAX_MODULE_LINES]


def long_functions(root: Path) -> list:
    """``relative/path.py:name`` of every function (nested included) under ``root`` longer than the limit."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
                    found.append(f"{path.relative_to(root).as_posix()}:{node.name}")
    return found


def test_core_modules_are_small():
    assert long_modules(CORE) == []


def test_core_functions_are_short():
    assert long_functions(CORE) == []


def test_checks_catch_offenders(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    (tmp_path / "big.py").write_text("def outer():\n    def inner():\n" + body.replace("    ", "        ")
                                     + "\n    return inner\n" + "\n" * MAX_MODULE_LINES, encoding="utf-8")
    (tmp_path / "ok.py").write_text("def fine():\n    return 1\n", encoding="utf-8")
    assert long_modules(tmp_path) == ["big.py"]
    assert long_functions(tmp_path) == ["big.py:outer", "big.py:inner"]
