"""Model comparison: speed, size, memory, accuracy and training time of every model, on this machine.

For each model :func:`run_benchmark` starts a fresh process (:mod:`animeid_desktop.core.benchmark.probe`)
that loads the recogniser and times it at batch 1 and batch N, so one model's memory never counts
for the next. Accuracy (best and final validation) and training time come from the latest finished
training run of each model in the library; a model without one is "not trained" but still gets its
speed, size and memory. Each result is a plain dict with every key of :data:`FIELDS`, ``None`` where
nothing was measured (never an invented value). Sizes are MB of 10^6 bytes.

The last results are kept in the library's settings, so the comparison page shows them on opening;
:func:`attach_training` refreshes the accuracy part after new training without re-timing.
"""

from __future__ import annotations

import json
import multiprocessing
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from safetensors import safe_open

from animeid_desktop.core.engine.model_files import TENSORS_NAME
from animeid_desktop.core.engine.registry import DEFAULT_MODEL, MODEL_NAMES, get_spec
from animeid_desktop.core.errors import Cancelled, UserError
from animeid_desktop.core.library import runs
from animeid_desktop.core.library.folder import Library, utcnow
from animeid_desktop.core.progress import ProgressFn, StopFn, check_stop

MB = 1_000_000
# The four models of the reference comparison ("Train all four"); the offline default is benchmarked too.
COMPARED_MODELS = ("efficientnet_b3", "efficientnet_b0", "mobilenet_v2", "resnet50")
# The Benchmark page's models: the offline default and the reference comparison (Lite1/Lite2, whose
# weights are an optional install, are measured by benchmarks/accuracy.py instead).
BENCH_MODELS = (DEFAULT_MODEL, "mobilenet_v2", "efficientnet_b0", "efficientnet_b3", "resnet50")
SETTINGS_KEY = "benchmark.last"
NOT_TRAINED = "not trained"

FIELDS = (
    "model", "title", "offline_default", "status", "error",
    "device", "precision", "threads", "input_size", "batch", "repeats", "weights",
    "ms_b1_mean", "ms_b1_p95", "ms_bn_mean", "ms_bn_p95", "images_per_s_b1", "images_per_s",
    "params", "file_mb", "file_source", "peak_mem_mb", "device_peak_mem_mb", "memory_method", "cpu_load",
    "trained", "training", "run_id", "mode", "pretrained", "best_val_acc", "final_val_acc",
    "train_seconds", "n_val", "classes", "measured_at",
)


@dataclass
class BenchConfig:
    """What to measure and how long: models, batch N, torch threads, repetitions, input size, device."""

    models: Sequence[str] = field(default_factory=lambda: list(BENCH_MODELS))
    batch: int = 8
    threads: Optional[int] = None  # None = one per physical core
    repeats: int = 10  # timed batch-1 forward passes
    repeats_n: int = 3  # timed batch-N forward passes
    warmup: int = 3  # untimed passes first (oneDNN builds its kernels on the first calls)
    size: Optional[int] = None  # None = each model's input size
    device: Optional[str] = None  # None = CUDA, MPS or CPU, whichever is present
    timeout_s: float = 600.0  # per model

    def validated(self) -> BenchConfig:
        """Self, after checking every value; :class:`UserError` naming the bad one."""
        if not self.models:
            raise UserError("no models to benchmark; name at least one of: " + ", ".join(MODEL_NAMES))
        for name in self.models:
            get_spec(name)
        for key in ("batch", "repeats", "repeats_n"):
            if int(getattr(self, key)) < 1:
                raise UserError(f"--{key.replace('_', '-')} must be at least 1")
        if self.threads is not None and int(self.threads) < 1:
            raise UserError("--threads must be at least 1")
        if self.size is not None and not 32 <= int(self.size) <= 1024:
            raise UserError("--size must be between 32 and 1024 pixels")
        return self


def empty_record(model: str) -> Dict[str, Any]:
    """A record with every field present and nothing measured yet."""
    spec = get_spec(model)
    record: Dict[str, Any] = dict.fromkeys(FIELDS)
    record.update(model=spec.name, title=spec.title, offline_default=spec.name == DEFAULT_MODEL,
                  status="pending", trained=False, training=NOT_TRAINED)
    return record


# ------------------------------------------------------------------------------ training runs
def run_model_file(run: Optional[runs.Run]) -> Tuple[Optional[Path], bool]:
    """(the run's ``model.safetensors`` or None, whether it holds the whole network, backbone included).

    Head-only runs on a pretrained backbone store just the classifier; their deployable size is
    the whole network's, which the probe measures by saving it.
    """
    folder = Path(run.path) if run and run.path else None
    if folder is None:
        return None, False
    path = folder if folder.suffix == ".safetensors" else folder / TENSORS_NAME
    if not path.is_file():
        return None, False
    try:
        with safe_open(str(path), framework="pt") as fh:
            complete = any(k.startswith("backbone.") for k in fh.keys())
    except Exception:  # damaged file: measure a fresh save instead
        return path, False
    return path, complete


def _val_count(metrics: Any) -> Optional[int]:
    """Validation-set size recorded with a run (explicitly, or as the total of its confusion matrix)."""
    if not isinstance(metrics, dict):
        return None
    for key in ("val_count", "n_val"):
        if isinstance(metrics.get(key), (int, float)) and metrics[key] > 0:
            return int(metrics[key])
    matrix = metrics.get("confusion")
    if isinstance(matrix, list) and matrix and all(isinstance(r, list) for r in matrix):
        total = sum(int(v) for row in matrix for v in row)
        return total or None
    return None


def latest_runs(lib: Library) -> Dict[str, runs.Run]:
    """The latest usable training run (finished, or cancelled with a saved best model) of each model."""
    latest: Dict[str, runs.Run] = {}
    for run in runs.list_runs(lib):  # newest first
        if run.status in runs.USABLE and run.best_val_acc is not None:
            latest.setdefault(run.model, run)
    return latest


def training_fields(run: Optional[runs.Run]) -> Dict[str, Any]:
    """The accuracy/training part of a record from a decoded run (``runs.list_runs``); None = not trained."""
    if run is None:
        return {"trained": False, "training": NOT_TRAINED, "run_id": None, "mode": None, "pretrained": None,
                "best_val_acc": None, "final_val_acc": None, "train_seconds": None, "n_val": None,
                "classes": None}
    status = "" if run.status == "done" else f" ({run.status})"
    return {
        "trained": True,
        "training": f"{run.mode} run {run.id}{status}",
        "run_id": run.id,
        "mode": run.mode,
        "pretrained": run.pretrained,
        "best_val_acc": run.best_val_acc,
        "final_val_acc": run.final_val_acc,
        "train_seconds": run.seconds,
        "n_val": _val_count(run.metrics),
        "classes": len(run.classes) or None,
    }


def _file_fields(path: Optional[Path], complete: bool, saved_bytes: Optional[int]) -> Dict[str, Any]:
    if path is not None and complete:
        return {"file_mb": path.stat().st_size / MB, "file_source": "trained run file"}
    if saved_bytes is None:
        return {}
    source = "fp32 safetensors (temporary save)"
    if path is not None:
        source = f"whole network, fp32 (the run file holds only the classifier, {path.stat().st_size / 1e3:.0f} kB)"
    return {"file_mb": saved_bytes / MB, "file_source": source}


def attach_training(lib: Library, records: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Copies of ``records`` with accuracy, training time and file size taken from the library now."""
    latest = latest_runs(lib)
    out = []
    for old in records:
        record = {**empty_record(old["model"]), **old}
        run = latest.get(record["model"])
        record.update(training_fields(run))
        path, complete = run_model_file(run)
        if path is not None and complete:
            record.update(_file_fields(path, complete, None))
        out.append(record)
    return out


def library_class_count(lib: Library) -> int:
    """Outputs of an untrained model's classifier: one per labelled character, at least 2."""
    n = lib.scalar("SELECT COUNT(DISTINCT character_id) FROM labels") or 0
    return max(2, int(n))


# ------------------------------------------------------------------------------ measuring
def run_probe(request: Dict[str, Any], should_stop: Optional[StopFn] = None,
              on_stage=None, timeout_s: float = 600.0) -> Dict[str, Any]:
    """Measure one model in a fresh process; the probe's result dict.

    Raises :class:`Cancelled` (after killing the process) when ``should_stop`` says so and
    ``RuntimeError`` when the probe failed, timed out or died (e.g. out of memory).
    """
    ctx = multiprocessing.get_context("spawn")
    from animeid_desktop.core.benchmark.probe import child_main

    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=child_main, args=(sender, request), name=f"bench-{request['model']}",
                          daemon=True)
    process.start()
    sender.close()
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            if should_stop is not None and should_stop():
                raise Cancelled()
            if time.monotonic() > deadline:
                raise RuntimeError(f"timed out after {timeout_s:.0f} s")
            if receiver.poll(0.1):
                try:
                    message = receiver.recv()
                except EOFError:
                    process.join(5)
                    raise RuntimeError(f"benchmark process ended unexpectedly (exit code {process.exitcode})") \
                        from None
                if "stage" in message and on_stage is not None:
                    on_stage(message["stage"])
                if "result" in message:
                    return message["result"]
                if "error" in message:
                    raise RuntimeError(message["error"])
            elif not process.is_alive() and not receiver.poll(0):
                raise RuntimeError(f"benchmark process ended unexpectedly (exit code {process.exitcode}; "
                                   "out of memory?)")
    finally:
        receiver.close()
        if process.is_alive():
            process.join(2)
        if process.is_alive():
            process.terminate()
            process.join(5)
        if process.is_alive():
            process.kill()
            process.join(5)


STAGES = ("loading", "batch 1", "batch N", "saving")


def run_benchmark(
    lib: Optional[Library],
    config: Optional[BenchConfig] = None,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
    probe=None,
    save: bool = True,
) -> List[Dict[str, Any]]:
    """Benchmark ``config.models`` one after another; one record per model (see :data:`FIELDS`).

    A model whose probe fails gets ``status: "failed"`` and the reason in ``error``; the others go
    on. With a library the results are stored in its settings (unless ``save`` is false).
    ``probe(request, should_stop, on_stage, timeout_s)`` measures one model (default :func:`run_probe`).
    """
    config = (config or BenchConfig()).validated()
    probe = probe or run_probe
    progress = on_progress or (lambda done, total, message="": None)
    latest = latest_runs(lib) if lib is not None else {}
    n_classes = library_class_count(lib) if lib is not None else 2
    total = len(config.models) * len(STAGES)
    records = []
    for index, model in enumerate(config.models):
        check_stop(should_stop)
        spec = get_spec(model)
        record = empty_record(model)
        run = latest.get(spec.name)
        record.update(training_fields(run))
        path, complete = run_model_file(run)
        base = index * len(STAGES)
        progress(base, total, f"{spec.title}: starting")
        request = {
            "model": spec.name, "batch": config.batch, "repeats": config.repeats, "repeats_n": config.repeats_n,
            "warmup": config.warmup, "threads": config.threads, "size": config.size, "device": config.device,
            "num_classes": record["classes"] or n_classes, "run_dir": run.path if run else None,
            "save_size": not complete,
        }

        def on_stage(stage: str, _base=base, _title=spec.title) -> None:
            step = STAGES.index(stage) if stage in STAGES else (2 if stage.startswith("batch") else 0)
            progress(_base + step, total, f"{_title}: {stage}")

        try:
            measured = probe(request, should_stop, on_stage, config.timeout_s)
        except Cancelled:
            raise
        except Exception as exc:  # one model failing must not lose the others' numbers
            record.update(status="failed", error=str(exc) or type(exc).__name__)
        else:
            saved = measured.pop("saved_file_bytes", None)
            record.update({k: v for k, v in measured.items() if k in record})
            record["status"] = "measured"
            record.update(_file_fields(path, complete, saved))
        record.update(batch=config.batch, repeats=config.repeats, measured_at=utcnow())
        records.append(record)
        progress(base + len(STAGES), total, f"{spec.title}: done")
    if lib is not None and save:
        save_results(lib, records, config)
    return records


# ------------------------------------------------------------------------------ storing
def _stored(lib: Library) -> List[Dict[str, Any]]:
    raw = lib.get_setting(SETTINGS_KEY)
    if not raw:
        return []
    try:
        records = json.loads(raw).get("records") or []
    except (ValueError, AttributeError):
        return []
    return [r for r in records if isinstance(r, dict) and r.get("model") in MODEL_NAMES]


def save_results(lib: Library, records: List[Dict[str, Any]], config: Optional[BenchConfig] = None) -> None:
    """Keep ``records`` as the library's latest benchmark (one settings row, JSON); the earlier results
    of models not measured this time are kept (each record says when it was measured)."""
    new = {r["model"]: r for r in records}
    old = {r["model"]: r for r in _stored(lib)}
    merged = [new.get(m) or old[m] for m in MODEL_NAMES if m in new or m in old]
    payload = {"saved_at": utcnow(), "config": asdict(config) if config else None, "records": merged}
    lib.set_setting(SETTINGS_KEY, json.dumps(payload, ensure_ascii=False))


def load_results(lib: Library) -> List[Dict[str, Any]]:
    """The library's stored benchmark records with today's training info, or [] when never run."""
    return attach_training(lib, _stored(lib))


def current_records(lib: Library) -> List[Dict[str, Any]]:
    """One record per model: its last benchmark (if any) with today's training info; a model never
    measured has its training info only (speed, size and memory ``None``)."""
    stored = {r["model"]: r for r in _stored(lib)}
    return attach_training(lib, [stored.get(m) or empty_record(m) for m in BENCH_MODELS])


# ------------------------------------------------------------------------------ training all
def train_models(
    lib: Library,
    models: Sequence[str] = COMPARED_MODELS,
    mode: str = "head",
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
    on_event=None,
    trainer=None,
) -> List[Any]:
    """Train each of ``models`` in ``mode`` from scratch (not incrementally), one after another.

    Returns the training results. Progress messages are prefixed with ``[k/n] Model``. A cancel
    stops the current training and skips the rest; runs finished before stay in the library.
    Training makes each new run the active model; afterwards the model that was active before is
    active again (with none before, the most accurate new run is).
    """
    if trainer is None:
        from animeid_desktop.core.training import pipeline as training

        def trainer(model: str, progress, stop, events):
            config = training.TrainConfig(model=model, mode=mode, incremental=False)
            return training.train(lib, config, on_progress=progress, should_stop=stop, on_event=events)

    for model in models:
        get_spec(model)
    progress = on_progress or (lambda done, total, message="": None)
    before = runs.active_run_id(lib)
    results: List[Any] = []
    try:
        for k, model in enumerate(models, 1):
            check_stop(should_stop)
            prefix = f"[{k}/{len(models)}] {get_spec(model).title}"

            def step(done: int, total: int, message: str = "", _prefix=prefix) -> None:
                progress(done, total, f"{_prefix}: {message}" if message else _prefix)

            progress(0, 0, f"{prefix}: starting")
            results.append(trainer(model, step, should_stop, on_event))
            if getattr(results[-1], "cancelled", False):
                raise Cancelled()
    finally:
        _restore_active(lib, before, results)
    return results


def _restore_active(lib: Library, before: Optional[str], results: Sequence[Any]) -> None:
    finished = [r for r in results if getattr(r, "run_id", None) and getattr(r, "best_val_acc", None) is not None]
    target = before or (max(finished, key=lambda r: r.best_val_acc).run_id if finished else None)
    if target and target != runs.active_run_id(lib):
        try:
            runs.set_active(lib, target)
        except UserError:  # the old run's files are gone: keep what training chose
            pass
