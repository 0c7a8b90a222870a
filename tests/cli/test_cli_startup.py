"""The light commands (help, library listing and labelling, models, health, check) never load torch.

torch, torchvision and timm take seconds to import; a command that only reads the library must not
pay for them. Each command runs in a fresh interpreter that reports which of them it imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from animeid_desktop.core.demo.demo_library import build_demo_library
from animeid_desktop.core.library.folder import Library

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("torch", "torchvision", "timm")
PROBE = f"""
import json, sys
from animeid_desktop.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(json.dumps({{"code": code, "heavy": [m for m in {HEAVY!r} if m in sys.modules]}}))
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> dict:
    """A small demo library, one image path in it and one character name."""
    root = tmp_path_factory.mktemp("startup") / "lib"
    lib = Library.open(root)
    try:
        build_demo_library(lib, n_characters=2, per_character=3, unlabelled=2, seed=3)
        row = lib.query("SELECT i.path, c.name FROM images i JOIN labels l ON l.image_id = i.id "
                        "JOIN characters c ON c.id = l.character_id ORDER BY i.id LIMIT 1")[0]
    finally:
        lib.close()
    return {"lib": str(root), "path": row["path"], "name": row["name"]}


def probe(*argv: str) -> dict:
    """Run ``animeid ARGV`` in a fresh interpreter of this checkout; its exit code and heavy imports."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", PROBE, *argv], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


LIGHT = {
    "help": lambda d: ["--help"],
    "characters": lambda d: ["--library", d["lib"], "characters"],
    "characters-json": lambda d: ["--library", d["lib"], "characters", "--json"],
    "label": lambda d: ["--library", d["lib"], "label", d["path"], "--character", d["name"]],
    "unlabel": lambda d: ["--library", d["lib"], "unlabel", d["path"]],
    "attributes-define": lambda d: ["--library", d["lib"], "attributes", "define", d["name"], "hat", "--type", "bool"],
    "attributes-list": lambda d: ["--library", d["lib"], "attributes", "list", d["name"], "--json"],
    "models": lambda d: ["--library", d["lib"], "models"],
    "models-json": lambda d: ["--library", d["lib"], "models", "--json"],
    "health-json": lambda d: ["--library", d["lib"], "health", "--json"],
    "check": lambda d: ["--library", d["lib"], "check"],
    "check-json": lambda d: ["--library", d["lib"], "check", "--json"],
    "watch-list": lambda d: ["--library", d["lib"], "watch", "list"],
}


@pytest.mark.parametrize("name", sorted(LIGHT))
def test_light_command_imports_no_torch(demo, name):
    result = probe(*LIGHT[name](demo))
    assert result["code"] == 0, result
    assert result["heavy"] == [], f"animeid {name} imported {result['heavy']}"


def test_health_ignores_empty_feature_caches(demo, tmp_path):
    # Older versions leave an empty embedding cache behind: still nothing cached, still no torch.
    import shutil
    import sqlite3

    lib = tmp_path / "lib"
    shutil.copytree(demo["lib"], lib)
    (lib / "cache" / "embeddings").mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(lib / "cache" / "embeddings" / "efficientnet_lite0-0123456789abcdef.sqlite")
    conn.execute("CREATE TABLE embeddings (sha256 TEXT PRIMARY KEY, vec BLOB NOT NULL)")
    conn.close()
    result = probe("--library", str(lib), "health", "--json")
    assert result == {"code": 0, "heavy": []}


def test_probe_sees_a_heavy_import(demo):
    # The probe itself works: a command whose options name the models does load torch.
    result = probe("train", "--help")
    assert result["code"] == 0
    assert "torch" in result["heavy"]
