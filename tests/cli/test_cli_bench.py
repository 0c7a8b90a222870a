"""``animeid bench``: JSON with every field for every model, the table, exports, errors (probe faked)."""

from __future__ import annotations

import json

import pytest

from animeid_desktop.cli import main
from animeid_desktop.core.benchmark import runner as benchmark
from tests.core.benchmark.test_benchmark import add_run, fake_measure


@pytest.fixture
def fake_probe(monkeypatch):
    seen = []

    def probe(request, *args):
        seen.append(request)
        return fake_measure(request, *args)

    monkeypatch.setattr(benchmark, "run_probe", probe)
    return seen


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_lists_all_five_models_with_every_field(capsys, tmp_path, fake_probe):
    code, out, _err = run(capsys, "--library", tmp_path / "lib", "bench", "--json")
    assert code == 0
    records = json.loads(out)
    assert [r["model"] for r in records] == list(benchmark.BENCH_MODELS) and len(records) == 5
    for r in records:
        assert list(r) == list(benchmark.FIELDS)
        assert r["training"] == "not trained" and r["best_val_acc"] is None
        assert r["ms_b1_mean"] > 0 and r["file_mb"] > 0


def test_options_reach_the_probe(capsys, tmp_path, fake_probe):
    code, _out, _err = run(capsys, "bench", "--library", tmp_path / "lib", "--models", "resnet50", "mobilenet_v2",
                           "--batch", 4, "--threads", 1, "--repeats", 6, "--size", 96, "--json")
    assert code == 0
    assert [r["model"] for r in fake_probe] == ["resnet50", "mobilenet_v2"]
    assert {(r["batch"], r["threads"], r["repeats"], r["repeats_n"], r["size"]) for r in fake_probe} == {
        (4, 1, 6, 2, 96)}


def test_table_recommendation_exports_and_last(capsys, tmp_path, fake_probe):
    lib = tmp_path / "lib"
    from animeid_desktop.core.library.folder import Library

    add_run(Library.open(lib), "mobilenet_v2", 0.88)
    csv_path, md_path = tmp_path / "bench.csv", tmp_path / "bench.md"
    code, out, _ = run(capsys, "--library", lib, "bench", "--csv", csv_path, "--markdown", md_path)
    assert code == 0
    assert "MobileNetV2" in out and "88.00%" in out and "not trained" in out
    assert "Highest accuracy: MobileNetV2" in out and "Resource-bound:" in out
    assert "random weights" in out
    assert csv_path.read_text().count("\n") == 6 and md_path.read_text().startswith("| Model |")
    fake_probe.clear()
    code, out, _ = run(capsys, "--library", lib, "bench", "--last", "--json")
    assert code == 0 and not fake_probe  # nothing measured again
    assert [r["model"] for r in json.loads(out)] == list(benchmark.BENCH_MODELS)


def test_user_errors_exit_2(capsys, tmp_path, fake_probe):
    code, _out, err = run(capsys, "--library", tmp_path / "lib", "bench", "--last")
    assert code == 2 and "no benchmark results" in err and "Traceback" not in err
    code, _out, err = run(capsys, "--library", tmp_path / "lib", "bench", "--batch", 0)
    assert code == 2 and "--batch" in err
    code, _out, err = run(capsys, "--library", tmp_path / "lib", "bench", "--csv", tmp_path / "no" / "x.csv")
    assert code == 2 and "cannot write" in err
