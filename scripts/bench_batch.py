#!/usr/bin/env python3
"""Benchmark ``align batch``: throughput on 1 and 2 local workers and a 2-worker Dask cluster,
and the parent's peak memory as the number of pairs grows.

Configurations: ``workers=1`` (in-process), ``workers=2`` (process pool), ``dask-2-workers``
(``LocalCluster``, scheduler inside the parent), ``dask-separate`` (``dask scheduler`` and
``dask worker`` processes, as on several machines: the parent is the client alone). Besides
pairs/s it prints "pairs in flight" (sum of the pairs' own times / wall time: 2 when two
workers really run at once), "cores busy" (CPU seconds of the parent and its workers /
wall time: on a machine shared with other jobs, it explains a missing speed-up) and the
parent's share of the CPU time, whose Amdahl bound is the speed-up two idle cores can give.

The collection is synthetic but real text: 2,000 document pairs cut from the five
transread en-fr books in ``../shared/gold`` at gold-bead boundaries (so each English chunk
has its French translation), 10-30 source sentences each, tokenized lines joined back into
paragraphs of 2-5 sentences. Each configuration runs in a fresh child process so its
peak RSS (``VmHWM``) is its own; it is sampled after 25 %, 50 % and 100 % of the pairs.

    python scripts/bench_batch.py            # 2,000 pairs (a few minutes on 2 cores)
    python scripts/bench_batch.py --quick    # 200 pairs
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold" / "transread-en-fr"
CONFIGS = ("workers=1", "workers=2", "dask-2-workers", "dask-separate")


def parse_links(text: str) -> list[tuple[list[int], list[int]]]:
    """Vecalign/Bleualign link lines ``[1, 2]:[3]``."""
    beads = []
    for line in text.splitlines():
        left, right = line.split(":")
        beads.append(([int(x) for x in re.findall(r"\d+", left)], [int(x) for x in re.findall(r"\d+", right)]))
    return beads


def paragraphs(sentences: list[str], rng: random.Random) -> str:
    lines, k = [], 0
    while k < len(sentences):
        n = rng.randint(2, 5)
        lines.append(" ".join(sentences[k:k + n]))
        k += n
    return "\n".join(lines) + "\n"


def make_collection(folder: Path, n_pairs: int, seed: int = 1) -> Path:
    """Write ``n_pairs`` chunk pairs and a manifest; return the manifest's path."""
    rng = random.Random(seed)
    books = []
    for gold in sorted(GOLD.glob("*.gold")):
        stem = gold.name[: -len(".gold")]
        en = (GOLD / f"{stem}.en").read_text(encoding="utf-8").splitlines()
        fr = (GOLD / f"{stem}.fr").read_text(encoding="utf-8").splitlines()
        books.append((en, fr, parse_links(gold.read_text(encoding="utf-8"))))
    (folder / "src").mkdir(parents=True)
    (folder / "tgt").mkdir()
    rows = []
    for k in range(n_pairs):
        en, fr, beads = rng.choice(books)
        start, want, src_ids, tgt_ids = rng.randrange(len(beads) - 40), rng.randint(10, 30), [], []
        for s, t in beads[start:]:
            src_ids += s
            tgt_ids += t
            if len(src_ids) >= want:
                break
        (folder / "src" / f"p{k:05d}.txt").write_text(paragraphs([en[i] for i in src_ids], rng), encoding="utf-8")
        (folder / "tgt" / f"p{k:05d}.txt").write_text(paragraphs([fr[j] for j in tgt_ids], rng), encoding="utf-8")
        rows.append(f"p{k:05d},src/p{k:05d}.txt,tgt/p{k:05d}.txt")
    manifest = folder / "pairs.csv"
    manifest.write_text("id,source,target\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return manifest


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (VmHWM on Linux, else ru_maxrss)."""
    status = Path("/proc/self/status")
    if status.exists():
        match = re.search(r"VmHWM:\s+(\d+) kB", status.read_text())
        if match:
            return int(match.group(1)) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu(who: int) -> float:
    """CPU seconds of this process (RUSAGE_SELF) or its reaped children (RUSAGE_CHILDREN)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _machine_cpu() -> float:
    """Busy CPU seconds of the whole machine (/proc/stat), counting every worker process.

    Pool workers start from a forkserver, so they are not this process's children and
    RUSAGE_CHILDREN never sees them; on a quiet machine the machine-wide figure is theirs.
    """
    path = Path("/proc/stat")
    if not path.exists():
        return _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN)
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, path.read_text().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _load() -> str:
    """The 1-minute load average: on a shared machine, the reason a speed-up is missing."""
    path = Path("/proc/loadavg")
    return path.read_text().split()[0] if path.exists() else "?"


@contextlib.contextmanager
def scheduler_for(config: str, tmp: Path) -> Iterator[str | None]:
    """The Dask scheduler address a configuration uses (None = local processes).

    ``dask-2-workers``: a ``LocalCluster`` (its scheduler lives in this process, so the
    parent's memory includes the scheduler's bounded logs). ``dask-separate``: ``dask
    scheduler`` and ``dask worker`` as their own processes, as on several machines, so the
    parent is the client alone.
    """
    if config == "dask-2-workers":
        from distributed import LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            yield cluster.scheduler_address
    elif config == "dask-separate":
        yield from _separate_cluster(tmp / "scheduler.json")
    else:
        yield None


def _separate_cluster(scheduler_file: Path) -> Iterator[str]:
    from distributed import Client

    common = ["--scheduler-file", str(scheduler_file), "--dashboard-address", ":0"]
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--port", "0", *common],
                              stderr=subprocess.DEVNULL)]
    try:
        procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", "--nworkers", "2",
                                       "--nthreads", "1", *common], stderr=subprocess.DEVNULL))
        with Client(scheduler_file=str(scheduler_file), timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
            address = client.scheduler.address
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
            proc.wait()


def child(config: str, manifest: Path, outdir: Path, n_pairs: int) -> dict:
    """Run one configuration in this (fresh) process; return its figures."""
    from align.batch import BatchSettings, make_runner, read_manifest, run_batch

    jobs = read_manifest(manifest)[:n_pairs]
    checkpoints = {max(1, n_pairs // 4), n_pairs // 2, n_pairs}
    memory: dict[int, float] = {}
    done = [0]

    def on_record(_record: object) -> None:
        done[0] += 1
        if done[0] in checkpoints:
            memory[done[0]] = round(peak_rss_mb(), 1)

    with scheduler_for(config, outdir.parent) as address:
        runner = make_runner(scheduler=address) if address else make_runner(int(config.split("=")[1]))
        before, parent_cpu = round(peak_rss_mb(), 1), _cpu(resource.RUSAGE_SELF)
        machine_cpu = _machine_cpu()
        started = time.perf_counter()
        summary = run_batch(jobs, BatchSettings(str(outdir), force=True), runner, on_record)
        wall = time.perf_counter() - started
        parent_cpu = _cpu(resource.RUSAGE_SELF) - parent_cpu
        cpu = _machine_cpu() - machine_cpu
    resumed = time.perf_counter()
    again = run_batch(jobs, BatchSettings(str(outdir)), make_runner(1))
    resume_s = time.perf_counter() - resumed
    return {"config": config, "pairs": summary.total, "ok": summary.ok, "failed": summary.failed,
            "sentences": summary.sentences, "seconds": round(wall, 2), "pairs_per_s": round(summary.total / wall, 2),
            "sentences_per_s": round(summary.sentences / wall), "concurrency": round(summary.seconds / wall, 2),
            "cpu_s": round(cpu, 1), "cores_busy": round(cpu / wall, 2), "load": _load(),
            "parent_cpu_share": round(parent_cpu / cpu, 3),
            "peak_rss_mb_before": before, "peak_rss_mb_at": memory, "resume_all_skipped_s": round(resume_s, 2),
            "resume_skipped": again.skipped}


def dask_memory_probe(n_tasks: int, tmp: Path) -> dict[str, dict[int, float]]:
    """Current RSS of the parent over ``n_tasks`` trivial tasks submitted 8 at a time as ``align
    batch`` does, with the scheduler in the parent (``LocalCluster``) and in its own process."""
    import operator
    from collections import deque

    from distributed import Client

    rss: dict[str, dict[int, float]] = {}
    for config in ("dask-2-workers", "dask-separate"):
        rss[config] = {}
        with scheduler_for(config, tmp) as address, Client(address) as client:
            pending: deque = deque()
            for k in range(1, n_tasks + 1):
                pending.append(client.submit(operator.add, k, 1, pure=False))
                while len(pending) > 8:
                    pending.popleft().result()
                if k % (n_tasks // 8) == 0:
                    status = Path("/proc/self/status").read_text()
                    rss[config][k] = round(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024, 1)
    return rss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="200 pairs instead of 2,000")
    ap.add_argument("--pairs", type=int, help="number of pairs (overrides --quick)")
    ap.add_argument("--configs", default=",".join(CONFIGS), help=f"comma-separated subset of {CONFIGS}")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--manifest", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--dask-memory-probe", type=int, metavar="N", help="only run the Dask memory probe, N tasks")
    args = ap.parse_args()
    if args.dask_memory_probe:
        with tempfile.TemporaryDirectory(prefix="bench_batch_") as tmp:
            print(json.dumps(dask_memory_probe(args.dask_memory_probe, Path(tmp))))
        return
    n_pairs = args.pairs or (200 if args.quick else 2000)
    if args.child:
        print(json.dumps(child(args.child, args.manifest, args.out, n_pairs)))
        return
    if not GOLD.is_dir():
        sys.exit(f"bench_batch: {GOLD} not found (../shared is needed for the benchmark)")
    with tempfile.TemporaryDirectory(prefix="bench_batch_") as tmp:
        manifest = make_collection(Path(tmp) / "data", n_pairs)
        print(f"collection: {n_pairs} pairs from {GOLD}", flush=True)
        results = [_run_child(config, manifest, Path(tmp) / config, n_pairs) for config in args.configs.split(",")]
    _print(results)


def _run_child(config: str, manifest: Path, out: Path, n_pairs: int) -> dict:
    cmd = [sys.executable, __file__, "--child", config, "--manifest", str(manifest), "--out", str(out),
           "--pairs", str(n_pairs)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(json.dumps(result), flush=True)
    return result


def _print(results: list[dict]) -> None:
    base = next((r for r in results if r["config"] == "workers=1"), None)
    print("\n| config | pairs | sentences | seconds | pairs/s | sentences/s | speed-up | parent peak RSS MB "
          "(25 % / 50 % / 100 %) | resume (all skipped) s | pairs in flight | CPU s | cores busy | load | "
          "parent CPU share | Amdahl bound, 2 workers |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        speedup = f"{r['pairs_per_s'] / base['pairs_per_s']:.2f}" if base else "-"
        # The parent's work (stat, combine) is serial: on 2 idle cores the speed-up is at most this.
        share = r["parent_cpu_share"]
        amdahl = "-" if r["config"] == "workers=1" else f"{1 / (share + (1 - share) / 2):.2f}"
        rss = " / ".join(str(v) for _, v in sorted(r["peak_rss_mb_at"].items(), key=lambda kv: int(kv[0])))
        print(f"| {r['config']} | {r['pairs']} | {r['sentences']} | {r['seconds']} | {r['pairs_per_s']} | "
              f"{r['sentences_per_s']} | {speedup} | {rss} | {r['resume_all_skipped_s']} | {r['concurrency']} | "
              f"{r['cpu_s']} | {r['cores_busy']} | {r['load']} | {r['parent_cpu_share']} | {amdahl} |")


if __name__ == "__main__":
    main()
