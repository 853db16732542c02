"""``make bench-scale``: what checking grows with — the development split of the real corpus at
1×, 4× and 16×, with ``--jobs 1`` and ``--jobs 2``.

A benchmark, not a test: it prints figures and targets and never fails a build. The real corpus
(``../shared/realcorpus/``, or ``$REALCORPUS``) is read through its ``dev.txt`` only — the folder is
never listed, so the evaluation files are never read. When it is absent the benchmark says so and
exits 0.

Copy ``n`` of each report is another place: its congress line names a place of its own
(``在安徽省第十四届人民代表大会`` → ``在复本一零三市第十四届人民代表大会``; a report without one
gets one as its first line) and a line of its own is added at its end, so no cache can serve one
copy from another. Each run is one ``checker run`` of
every built-in rule, findings written as JSONL to stdout and to a file (formats streamed as places
are done: the main process holds neither documents nor findings); measured per run: wall time, CPU
time (the process and its workers, from ``os.wait4``), the peak memory of the largest process, MB
of text per CPU second. Then the growth exponent of CPU time from 1× to 16× (1.0 is linear), and the
cost of a Dask task on a local cluster (scheduler overhead, for the README's estimate of 10⁵
documents on K workers).

    python benchmarks/bench_scale.py [--scales 1,4,16] [--jobs 1,2] [--no-dask]
"""

from __future__ import annotations

import argparse
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("REALCORPUS", ROOT.parent / "shared" / "realcorpus"))
CHECKER = str(Path(sys.executable).parent / "checker")
# 在安徽省第十四届人民代表大会 / 在第十四届全国人民代表大会: the place named by the congress line
CONGRESS = re.compile(r"在([\u4e00-\u9fff]{0,24}?)第([一二三四五六七八九十\d]+)届\s*(?:全国)?人民代表大会")
DIGITS = "零一二三四五六七八九"
TARGETS = {"exponent": 1.05, "memory_ratio": 1.5, "mb_per_core": 0.6, "jobs2_wall": 0.6}


def dev_files() -> list[Path]:
    """The development files, from dev.txt (never a listing of the folder)."""
    names = [ln.strip() for ln in (CORPUS / "dev.txt").read_text(encoding="utf-8").splitlines()]
    return [CORPUS / n for n in names if n and not n.startswith("#")]


def place_of(path: Path) -> str:
    """``national-2026-report-partial.txt`` → ``national``."""
    return re.sub(r"-\d{4}-.*$", "", path.name)


def _tag(copy: int, index: int) -> str:
    """A place name of digits: copy 1 of file 3 → 复本一零三市 (never a real place)."""
    return "复本" + "".join(DIGITS[int(c)] for c in f"{copy}{index:02d}") + "市"


def make_corpus(files: list[Path], scale: int, folder: Path) -> int:
    """``scale`` copies of ``files`` in ``folder`` (copy 0 is the original); returns the bytes."""
    folder.mkdir(parents=True)
    places = sorted({place_of(f) for f in files})
    total = 0
    for copy in range(scale):
        for f in files:
            text = f.read_text(encoding="utf-8")
            if copy:
                index = places.index(place_of(f))
                head, rest = text[:3000], text[3000:]
                place = _tag(copy, index)
                if CONGRESS.search(head):
                    head = CONGRESS.sub(lambda m, p=place: f"在{p}第{m.group(2)}届人民代表大会", head,
                                        count=1)
                else:  # no congress line (the national reports open on 各位代表): give it one
                    head = f"——在{place}第一届人民代表大会第一次会议上\n\n" + head
                text = head + rest + f"\n（第{copy}份副本）\n"
            target = folder / f"c{copy:02d}-{f.name}"
            target.write_text(text, encoding="utf-8")
            total += len(text.encode("utf-8"))
    return total


def run(folder: Path, jobs: int, out: Path) -> dict[str, float]:
    """One ``checker run``: wall, CPU (with its workers) and peak RSS of the largest process."""
    cmd = [CHECKER, "run", str(folder), "--jobs", str(jobs), "--fail-on", "never", "--format", "jsonl",
           "--output", f"jsonl:{out}"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"bench-scale: {' '.join(cmd)} failed (status {status})")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


def dask_task_overhead(tasks: int = 200) -> float:
    """Seconds a trivial task costs on a local cluster of 2 worker processes (round trip)."""
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.gather(client.map(abs, range(10), pure=False))  # warm
        start = time.perf_counter()
        client.gather(client.map(abs, range(tasks), pure=False))
        return (time.perf_counter() - start) / tasks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="1,4,16")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    if not (CORPUS / "dev.txt").is_file():
        print(f"bench-scale: {CORPUS} (the real corpus) is absent: nothing measured")
        return 0
    scales = [int(s) for s in args.scales.split(",")]
    jobs_list = [int(j) for j in args.jobs.split(",")]
    files = dev_files()
    results: dict[tuple[int, int], dict[str, float]] = {}
    print(f"development split: {len(files)} files; scales {scales}; jobs {jobs_list}")
    print(f"{'scale':>5} {'jobs':>4} {'docs':>5} {'MB':>6} {'wall s':>8} {'CPU s':>8} {'MB/s/core':>9} "
          f"{'peak MB':>8} {'findings':>9}")
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for scale in scales:
            folder = Path(tmp) / f"x{scale}"
            size = make_corpus(files, scale, folder)
            for jobs in jobs_list:
                out = Path(tmp) / f"x{scale}-j{jobs}.jsonl"
                r = run(folder, jobs, out)
                r["mb"] = size / 1e6
                results[scale, jobs] = r
                findings = sum(1 for _ in out.open(encoding="utf-8"))
                print(f"{scale:>5} {jobs:>4} {len(files) * scale:>5} {r['mb']:>6.1f} {r['wall']:>8.1f} "
                      f"{r['cpu']:>8.1f} {r['mb'] / r['cpu']:>9.3f} {r['rss_mb']:>8.0f} {findings:>9}",
                      flush=True)
            for jobs in jobs_list[1:]:
                a, b = (Path(tmp) / f"x{scale}-j{j}.jsonl" for j in (jobs_list[0], jobs))
                same = a.read_bytes() == b.read_bytes()
                print(f"      x{scale}: --jobs {jobs} findings identical to --jobs {jobs_list[0]}: {same}")
            import shutil

            shutil.rmtree(folder)
    lo, hi = min(scales), max(scales)
    j1 = jobs_list[0]
    if hi > lo:
        exponent = math.log(results[hi, j1]["cpu"] / results[lo, j1]["cpu"]) / math.log(hi / lo)
        memory = results[hi, j1]["rss_mb"] / results[lo, j1]["rss_mb"]
        print(f"growth exponent of CPU {lo}×→{hi}× (--jobs {j1}): {exponent:.3f} "
              f"(target ≤ {TARGETS['exponent']})")
        print(f"peak memory {hi}× / {lo}×: {memory:.2f} (target ≤ {TARGETS['memory_ratio']})")
    best = max(r["mb"] / r["cpu"] for r in results.values())
    print(f"throughput: {best:.3f} MB/s per core (target ≥ {TARGETS['mb_per_core']})")
    if 2 in jobs_list and 1 in jobs_list:
        for scale in scales:
            ratio = results[scale, 2]["wall"] / results[scale, 1]["wall"]
            print(f"x{scale}: --jobs 2 wall / --jobs 1 wall = {ratio:.2f} (target ≤ {TARGETS['jobs2_wall']})")
    per_place = results[lo, j1]["cpu"] / (lo * len({place_of(f) for f in files}))
    print(f"CPU per place (1×, --jobs {j1}): {per_place:.2f} s; per document: "
          f"{results[lo, j1]['cpu'] / (lo * len(files)):.2f} s")
    if not args.no_dask:
        overhead = dask_task_overhead()
        print(f"Dask task overhead on a local cluster (2 workers): {overhead * 1000:.1f} ms per task")
    return 0


if __name__ == "__main__":
    sys.exit(main())
