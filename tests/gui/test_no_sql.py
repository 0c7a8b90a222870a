"""The GUI talks to the library only through core functions: no SQL and no raw queries in its modules."""

from __future__ import annotations

import re
from pathlib import Path

GUI = Path(__file__).resolve().parents[2] / "animeid_desktop" / "gui"
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE\s+FROM)\s|\.(query|query_in|execute|executemany|scalar)\(")


def modules_with_sql(root: Path) -> list:
    """``relative/path.py:line`` of every line under ``root`` that looks like SQL or a raw query."""
    return [f"{p.relative_to(root).as_posix()}:{n}" for p in sorted(root.rglob("*.py"))
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if SQL.search(line)]


def test_gui_modules_contain_no_sql():
    assert modules_with_sql(GUI) == []


def test_the_check_finds_sql_and_raw_queries(tmp_path):
    (tmp_path / "page.py").write_text('n = lib.scalar("SELECT COUNT(*) FROM images")\nlib.query_in(q, ids)\n'
                                      'conn.execute("DELETE FROM labels")\nselected = "Selected images"\n')
    assert modules_with_sql(tmp_path) == ["page.py:1", "page.py:2", "page.py:3"]
