"""``animeid bench``: compare the models' speed, size, memory, accuracy and training time on this machine."""

from __future__ import annotations

import argparse
from pathlib import Path

from animeid_desktop.cli.common import ProgressBar, add_command, cli_command, open_library, print_json
from animeid_desktop.core.errors import UserError


def register(sub) -> None:
    add_command(sub, "bench", "benchmark every model: ms/image, size, memory, accuracy, training time",
                cmd_bench, arguments=_arguments)


def _arguments(p: argparse.ArgumentParser) -> None:
    from animeid_desktop.core.engine.registry import MODEL_NAMES

    p.add_argument("--models", nargs="+", metavar="MODEL", choices=MODEL_NAMES,
                   help=f"models to measure (default: all: {', '.join(MODEL_NAMES)})")
    p.add_argument("--batch", type=int, default=8, metavar="N", help="batch size N for throughput (default 8)")
    p.add_argument("--threads", type=int, metavar="N", help="torch CPU threads (default: one per physical core)")
    p.add_argument("--repeats", type=int, default=10, metavar="N",
                   help="timed runs at batch 1 (default 10; a third of them, at least 1, at batch N)")
    p.add_argument("--warmup", type=int, default=3, metavar="N", help="untimed runs first (default 3)")
    p.add_argument("--size", type=int, metavar="PX", help="input size in pixels (default: each model's own)")
    p.add_argument("--device", metavar="DEV", help="cpu, cuda or mps (default: the best available)")
    p.add_argument("--last", action="store_true", help="show the library's last results instead of measuring")
    p.add_argument("--json", action="store_true", help="print a JSON list, one object per model")
    p.add_argument("--csv", metavar="FILE", help="also write the table as CSV")
    p.add_argument("--markdown", metavar="FILE", help="also write the table as Markdown")


def _write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror}") from exc


def cmd_bench(args: argparse.Namespace) -> int:
    from animeid_desktop.core.benchmark import runner as benchmark
    from animeid_desktop.core.benchmark import table as benchmark_table
    from animeid_desktop.core.benchmark.recommend import recommend

    lib = open_library(args)
    if args.last:
        records = benchmark.load_results(lib)
        if not records:
            raise UserError(f"no benchmark results in {lib.root} yet; run '{cli_command('bench')}' first")
    else:
        config = benchmark.BenchConfig(
            models=args.models or list(benchmark.BENCH_MODELS), batch=args.batch, threads=args.threads,
            repeats=args.repeats, repeats_n=max(1, args.repeats // 3), warmup=args.warmup, size=args.size,
            device=args.device,
        )
        bar = ProgressBar("bench", enabled=None if not args.json else False)
        records = benchmark.run_benchmark(lib, config, on_progress=bar)
    if args.csv:
        _write(args.csv, benchmark_table.to_csv(records))
    if args.markdown:
        _write(args.markdown, benchmark_table.to_markdown(records))
    if args.json:
        print_json(records)
        return 0
    print(benchmark_table.to_text(records))
    print(f"\n{benchmark_table.machine_line(records)}; untrained models are timed with random weights.")
    for r in records:
        if r.get("error"):
            print(f"{r['title']}: measurement failed: {r['error']}")
    load = max((r.get("cpu_load") or 0.0 for r in records), default=0.0)
    threads = max((r.get("threads") or 0 for r in records), default=0)
    if threads and load > threads + 0.5:
        print(f"Note: the CPU was busy with other programs (load {load:.1f} on {threads} threads); "
              "timings are noisy.")
    print()
    print(recommend(records).to_text())
    return 0
