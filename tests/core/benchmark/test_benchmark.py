"""The benchmark engine: the real per-model process (tiny), record fields, training info, storing, tables."""

from __future__ import annotations

import csv
import io
import multiprocessing

import numpy as np
import pytest
import torch
from safetensors.torch import save_file

from animeid_desktop.core.benchmark import runner as benchmark
from animeid_desktop.core.benchmark import table as benchmark_table
from animeid_desktop.core.benchmark.probe import PeakMemory, percentile
from animeid_desktop.core.engine.registry import Network, create_backbone, get_spec, param_count
from animeid_desktop.core.errors import Cancelled, UserError
from animeid_desktop.core.library import runs


def fake_measure(request, should_stop=None, on_stage=None, timeout_s=0):
    """What a probe returns, with numbers derived from the request (so tests can check the plumbing)."""
    for stage in ("loading", "batch 1", f"batch {request['batch']}", "saving"):
        if on_stage:
            on_stage(stage)
    ms = {"mobilenet_v2": 10.0, "efficientnet_b0": 20.0}.get(request["model"], 30.0)
    return {"device": "cpu", "precision": "fp32", "threads": 1, "input_size": 64,
            "weights": "trained run" if request.get("run_dir") else "random init (timing only)",
            "params": 1000, "ms_b1_mean": ms, "ms_b1_p95": ms * 1.5, "ms_bn_mean": ms / 2, "ms_bn_p95": ms / 1.5,
            "images_per_s_b1": 1000 / ms, "images_per_s": 2000 / ms,
            "saved_file_bytes": 4_000_000 if request.get("save_size") else None, "peak_mem_mb": 50.0,
            "device_peak_mem_mb": None, "memory_method": "fake", "cpu_load": 0.5,
            "num_classes_seen": request["num_classes"]}


def add_run(lib, model, best, final=None, mode="head", status="done", val_count=40, tensors=None, pretrained=True):
    """A finished training run row (and optionally its model file) as training would leave it."""
    run_id = runs.new_run_id(model) + model[-2:]
    runs.create_run(lib, run_id, model, mode, None)
    path = runs.run_dir(lib, run_id)
    path.mkdir(parents=True)
    if tensors is not None:
        save_file(tensors, str(path / "model.safetensors"))
    runs.finish_run(lib, run_id, status, classes=["a", "b", "c"], pretrained=pretrained, best_val_acc=best,
                    final_val_acc=best if final is None else final, seconds=123.0, path=str(path),
                    metrics={"val_count": val_count})
    with lib.write() as conn:  # runs made within one second: give each its own creation time
        n = conn.execute("SELECT COUNT(*) FROM training_runs").fetchone()[0]
        conn.execute("UPDATE training_runs SET created_at = ? WHERE id = ?", (f"2030-01-01T00:00:{n:02d}", run_id))
    return run_id


# ------------------------------------------------------------------------------------ the real probe
def test_real_probe_measures_a_tiny_model_in_its_own_process(library):
    config = benchmark.BenchConfig(models=["mobilenet_v2"], batch=2, repeats=2, repeats_n=1, warmup=0, size=64,
                                   threads=1)
    stages = []
    records = benchmark.run_benchmark(library, config, on_progress=lambda d, t, m: stages.append((d, t, m)))
    assert len(records) == 1
    r = records[0]
    assert set(r) == set(benchmark.FIELDS)
    assert r["status"] == "measured", r["error"]
    assert r["threads"] == 1 and r["input_size"] == 64 and r["batch"] == 2
    assert 0 < r["ms_b1_mean"] <= r["ms_b1_p95"] * 1.0001 or r["repeats"] == 1
    assert r["ms_bn_mean"] > 0 and r["images_per_s"] == pytest.approx(1000.0 / r["ms_bn_mean"])
    spec = get_spec("mobilenet_v2")
    net = Network(create_backbone(spec), spec.feature_dim, 2)
    assert r["params"] == param_count(net)
    # fp32 safetensors: the state dict's bytes (parameters and batch-norm statistics) plus a small header
    state_bytes = sum(t.numel() * t.element_size() for t in net.state_dict().values())
    assert state_bytes / 1e6 <= r["file_mb"] <= state_bytes / 1e6 * 1.01
    assert r["peak_mem_mb"] > 0
    assert r["weights"].startswith("random init")
    assert r["trained"] is False and r["training"] == "not trained" and r["best_val_acc"] is None
    assert stages[-1][0] == stages[-1][1] == len(benchmark.STAGES)
    assert [m for _d, _t, m in stages if "batch 2" in m]
    stored = benchmark.load_results(library)
    assert stored[0]["ms_b1_mean"] == r["ms_b1_mean"]
    assert not multiprocessing.active_children()


def test_cancelling_kills_the_probe_process():
    with pytest.raises(Cancelled):
        benchmark.run_probe({"model": "resnet50"}, should_stop=lambda: True)
    assert not multiprocessing.active_children()


def _peak_of_an_allocation(queue) -> None:
    before = np.ones(20_000_000, dtype=np.uint8)  # allocated before the baseline: not counted
    meter = PeakMemory()
    meter.start()
    block = np.ones(60_000_000, dtype=np.uint8)
    del block
    queue.put(meter.stop())
    del before


def test_peak_memory_sees_an_allocation_and_not_what_came_before():
    # In a fresh process: in this one, memory freed by earlier tests stays resident and is reused.
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_peak_of_an_allocation, args=(queue,))
    child.start()
    added = queue.get(timeout=120)
    child.join(30)
    assert 50e6 <= added <= 70e6 + 20e6 * 0.5


def test_percentile_matches_numpy():
    values = [5.0, 1.0, 9.0, 3.0, 7.0, 2.0]
    for q in (0, 50, 95, 100):
        assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)))


# ------------------------------------------------------------------------------------ orchestration
def test_every_model_gets_every_field_and_untrained_is_not_invented(library):
    records = benchmark.run_benchmark(library, benchmark.BenchConfig(), probe=fake_measure)
    assert [r["model"] for r in records] == list(benchmark.BENCH_MODELS)
    for r in records:
        assert set(r) == set(benchmark.FIELDS)
        assert r["trained"] is False and r["training"] == benchmark.NOT_TRAINED
        assert r["best_val_acc"] is None and r["final_val_acc"] is None and r["train_seconds"] is None
        assert r["file_mb"] == pytest.approx(4.0) and r["file_source"].startswith("fp32")
        assert "num_classes_seen" not in r
    assert sum(r["offline_default"] for r in records) == 1


def test_latest_run_supplies_accuracy_time_and_file(library):
    add_run(library, "mobilenet_v2", 0.70)
    spec = get_spec("mobilenet_v2")
    full = {f"backbone.{k}": v.contiguous() for k, v in create_backbone(spec).state_dict().items()}
    full.update({"fc.weight": torch.zeros(3, spec.feature_dim), "fc.bias": torch.zeros(3)})
    newest = add_run(library, "mobilenet_v2", 0.80, final=0.75, mode="finetune", tensors=full, val_count=55)
    add_run(library, "mobilenet_v2", 0.99, status="failed")  # failed runs never count
    head_only = add_run(library, "efficientnet_b0", 0.60,
                        tensors={"fc.weight": torch.zeros(3, 1280), "fc.bias": torch.zeros(3)})
    seen = []

    def probe(request, *args):
        seen.append(request)
        return fake_measure(request, *args)

    records = {r["model"]: r for r in benchmark.run_benchmark(
        library, benchmark.BenchConfig(models=["mobilenet_v2", "efficientnet_b0", "resnet50"]), probe=probe)}
    mn = records["mobilenet_v2"]
    assert (mn["run_id"], mn["best_val_acc"], mn["final_val_acc"], mn["mode"]) == (newest, 0.80, 0.75, "finetune")
    assert mn["train_seconds"] == 123.0 and mn["n_val"] == 55 and mn["classes"] == 3 and mn["pretrained"] is True
    assert mn["file_source"] == "trained run file"
    assert mn["file_mb"] == pytest.approx((runs.run_dir(library, newest) / "model.safetensors").stat().st_size / 1e6)
    b0 = records["efficientnet_b0"]
    assert b0["run_id"] == head_only and b0["file_mb"] == pytest.approx(4.0)
    assert "only the classifier" in b0["file_source"]
    assert records["resnet50"]["trained"] is False
    by_model = {s["model"]: s for s in seen}
    assert by_model["mobilenet_v2"]["save_size"] is False and by_model["efficientnet_b0"]["save_size"] is True
    assert by_model["resnet50"]["run_dir"] is None and by_model["mobilenet_v2"]["num_classes"] == 3


def test_a_failing_model_keeps_the_others(library):
    def probe(request, *args):
        if request["model"] == "efficientnet_b3":
            raise RuntimeError("benchmark process ended unexpectedly (exit code -9; out of memory?)")
        return fake_measure(request, *args)

    records = benchmark.run_benchmark(library, benchmark.BenchConfig(), probe=probe)
    failed = [r for r in records if r["status"] == "failed"]
    assert [r["model"] for r in failed] == ["efficientnet_b3"]
    assert "out of memory" in failed[0]["error"] and failed[0]["ms_b1_mean"] is None
    assert all(r["ms_b1_mean"] for r in records if r["status"] == "measured")


def test_cancel_between_models_stops_and_saves_nothing(library):
    calls = []

    def probe(request, *args):
        calls.append(request["model"])
        return fake_measure(request, *args)

    with pytest.raises(Cancelled):
        benchmark.run_benchmark(library, benchmark.BenchConfig(), probe=probe, should_stop=lambda: bool(calls))
    assert calls == [benchmark.BENCH_MODELS[0]]
    assert benchmark.load_results(library) == []


@pytest.mark.parametrize("change", [{"batch": 0}, {"repeats": 0}, {"threads": 0}, {"size": 8}, {"models": []},
                                    {"models": ["vgg16"]}])
def test_bad_settings_are_user_errors(change):
    with pytest.raises(UserError):
        benchmark.BenchConfig(**change).validated()


def test_stored_results_pick_up_new_training(library):
    benchmark.run_benchmark(library, benchmark.BenchConfig(models=["resnet50"]), probe=fake_measure)
    assert benchmark.load_results(library)[0]["trained"] is False
    add_run(library, "resnet50", 0.65)
    refreshed = benchmark.load_results(library)[0]
    assert refreshed["trained"] is True and refreshed["best_val_acc"] == 0.65
    assert refreshed["ms_b1_mean"] == 30.0  # the timing is kept


# ------------------------------------------------------------------------------------ train all four
class FakeResult:
    def __init__(self, run_id, acc, cancelled=False):
        self.run_id, self.best_val_acc, self.cancelled = run_id, acc, cancelled


def test_train_models_runs_each_in_order_and_restores_the_active_model(library):
    old = add_run(library, "efficientnet_lite0", 0.5)
    runs.set_active(library, old)
    messages, order = [], []

    def trainer(model, progress, stop, events):
        order.append(model)
        progress(1, 2, "epoch 1/2")
        run_id = add_run(library, model, 0.6)
        runs.set_active(library, run_id)  # as training does
        return FakeResult(run_id, 0.6)

    results = benchmark.train_models(library, on_progress=lambda d, t, m: messages.append(m), trainer=trainer)
    assert order == list(benchmark.COMPARED_MODELS) and len(results) == 4
    assert "[2/4] EfficientNet-B0: epoch 1/2" in messages
    assert runs.active_run_id(library) == old


def test_train_models_cancel_skips_the_rest_and_keeps_finished_runs(library):
    order = []

    def trainer(model, progress, stop, events):
        order.append(model)
        run_id = add_run(library, model, 0.9 if model == "efficientnet_b0" else 0.4)
        return FakeResult(run_id, 0.9 if model == "efficientnet_b0" else 0.4, cancelled=len(order) == 2)

    with pytest.raises(Cancelled):
        benchmark.train_models(library, trainer=trainer)
    assert order == ["efficientnet_b3", "efficientnet_b0"]
    # nothing was active before: the most accurate new run is
    assert runs.get_run(library, runs.active_run_id(library)).model == "efficientnet_b0"


# ------------------------------------------------------------------------------------ tables
def test_csv_and_markdown_hold_every_record(library):
    add_run(library, "mobilenet_v2", 0.9144)
    records = benchmark.run_benchmark(library, benchmark.BenchConfig(), probe=fake_measure)
    rows = list(csv.reader(io.StringIO(benchmark_table.to_csv(records))))
    assert len(rows) == 1 + len(records) and len(set(map(len, rows))) == 1
    header = rows[0]
    mn = next(r for r in rows[1:] if r[header.index("model")] == "mobilenet_v2")
    assert float(mn[header.index("best val acc")]) == pytest.approx(0.9144)
    b3 = next(r for r in rows[1:] if r[header.index("model")] == "efficientnet_b3")
    assert b3[header.index("best val acc")] == ""  # not measured: empty, not zero
    md = benchmark_table.to_markdown(records).splitlines()
    assert len(md) == 2 + len(records) and "91.44%" in md[2 + list(benchmark.BENCH_MODELS).index("mobilenet_v2")]
    assert sum("not trained" in line for line in md) == len(records) - 1
    assert benchmark_table.format_duration(2 * 3600 + 45 * 60) == "2 h 45 m"
    assert benchmark_table.format_duration(95) == "1 m 35 s"


def test_measuring_some_models_keeps_the_others_earlier_results(library):
    benchmark.run_benchmark(library, benchmark.BenchConfig(models=["resnet50", "mobilenet_v2"]), probe=fake_measure)

    def faster(request, *args):
        return {**fake_measure(request, *args), "ms_b1_mean": 5.0}

    benchmark.run_benchmark(library, benchmark.BenchConfig(models=["mobilenet_v2"]), probe=faster)
    stored = {r["model"]: r for r in benchmark.load_results(library)}
    assert stored["mobilenet_v2"]["ms_b1_mean"] == 5.0 and stored["resnet50"]["ms_b1_mean"] == 30.0
    shown = benchmark.current_records(library)
    assert [r["model"] for r in shown] == list(benchmark.BENCH_MODELS)
    assert next(r for r in shown if r["model"] == "efficientnet_b0")["ms_b1_mean"] is None
