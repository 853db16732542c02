"""``make bench``: how much the checker costs, measured against a bare jieba pass.

A benchmark, not a test: it prints figures and targets, it never fails a build.

(r) ``checker run`` of every rule in rules/ over the seed corpus (the whole job: every check kind,
    findings rendered as JSON); target (r)/(b) ≤ 1.5;
(a) ``checker extract`` over every seed document, in one subprocess (imports, jieba dictionary
    load, ingest, structure, quantities, mentions, rendering: the whole pipeline);
(b) for reference, ``import jieba; jieba.lcut(text)`` of the same text (all seeds concatenated)
    in a subprocess; target (a)/(b) ≤ 1.5;
(c) ``checker --help`` start-up (target < 0.3 s);
then (a) again on 2× and 3× the corpus (copies of each seed) to show the cost grows linearly (the
cost of each extra copy stays the same; the CPU time of the pipeline itself, start-up excluded, per
10k characters stays flat), and
the peak memory of the children (``resource.getrusage``; target < 500 MB).
Each figure is the best of ``--repeat`` runs (default 3) after one untimed warm-up run (which also
builds jieba's dictionary cache); the commands run in rotation, so a busy machine slows them alike.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PY = sys.executable
RATIO_TARGET = 1.5
HELP_TARGET = 0.3
MEMORY_TARGET_MB = 500


def seed_files() -> list[Path]:
    return sorted(
        p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md") and not p.name.startswith("README")
    )


def run_once(cmd: list[str], stdin: str | None = None) -> float:
    """Wall time of one run of ``cmd`` (output discarded)."""
    start = time.perf_counter()
    subprocess.run(cmd, input=stdin, text=True, stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
    return time.perf_counter() - start


def best_times(jobs: dict[str, tuple[list[str], str | None]], repeat: int) -> dict[str, float]:
    """Best wall time of each job; the jobs run in rotation (so machine load hits them alike),
    after one untimed warm-up each."""
    for cmd, stdin in jobs.values():
        run_once(cmd, stdin)
    best = {name: float("inf") for name in jobs}
    for _ in range(repeat):
        for name, (cmd, stdin) in jobs.items():
            best[name] = min(best[name], run_once(cmd, stdin))
    return best


def checker_cmd(*args: str) -> list[str]:
    return [PY, "-m", "checker", *args]


JIEBA_ONLY = "import sys, jieba; jieba.setLogLevel(60); jieba.lcut(sys.stdin.read())"

# CPU time of the pipeline alone (start-up and dictionary load excluded) over n copies of the seeds:
# wall time on a busy machine is noisy, CPU time of the work itself much less so.
PIPELINE_CPU = """
import sys, time
from pathlib import Path
from checker.mentions import extract_mentions
from checker.segment import lcut
from checker.pipeline import load_document
lcut('预热')  # load the dictionary before timing
files = sys.argv[1:]
t = time.process_time()
n = sum(len(extract_mentions(load_document(f))) for f in files)
print(time.process_time() - t, sum(len(Path(f).read_text(encoding="utf-8")) for f in files), n)
"""


def pipeline_cpu(files: list[str], repeat: int) -> tuple[float, int, int]:
    """(best CPU seconds, characters, mentions) of ingest→structure→mentions over ``files``."""
    best = None
    for _ in range(repeat):
        out = subprocess.run([PY, "-c", PIPELINE_CPU, *files], capture_output=True, text=True, check=True,
                             cwd=ROOT).stdout.split()
        cpu, chars, found = float(out[0]), int(out[1]), int(out[2])
        best = cpu if best is None else min(best, cpu)
    return best, chars, found


def _ok(good: bool) -> str:
    return "ok" if good else "OVER"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = seed_files()
    text = "\n".join(p.read_text(encoding="utf-8") for p in files)

    with tempfile.TemporaryDirectory() as tmp:
        scaled_files = {1: [str(p) for p in files]}
        for n in (2, 3):
            scaled_files[n] = []
            for k in range(n):
                for p in files:
                    dst = Path(tmp) / f"{p.stem}-{n}-{k}{p.suffix}"
                    shutil.copyfile(p, dst)
                    scaled_files[n].append(str(dst))
        jobs = {f"extract{n}": (checker_cmd("extract", *fs, "--format", "csv"), None)
                for n, fs in scaled_files.items()}
        jobs["run"] = (checker_cmd("run", "seeds/corpus.yaml", "--rules", "rules/", "--fail-on", "never",
                                   "--format", "json"), None)
        jobs["bare"] = ([PY, "-c", JIEBA_ONLY], text)
        jobs["bare3"] = ([PY, "-c", JIEBA_ONLY], text * 3)
        jobs["help"] = (checker_cmd("--help"), None)
        best = best_times(jobs, args.repeat)
        cpu = {n: pipeline_cpu(fs, args.repeat) for n, fs in scaled_files.items()}
    extract, bare, bare3, helps = best["extract1"], best["bare"], best["bare3"], best["help"]
    scaled = {n: best[f"extract{n}"] for n in (1, 2, 3)}
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux

    ratio = extract / bare
    step1, step2 = scaled[2] - scaled[1], scaled[3] - scaled[2]
    run_ratio = best["run"] / bare
    rows = [
        ("(r) checker run, all rules, seeds", f"{best['run']:.3f} s", "every check kind, JSON findings"),
        ("(r)/(b)", f"{run_ratio:.2f}", f"target ≤ {RATIO_TARGET}: {_ok(run_ratio <= RATIO_TARGET)}"),
        ("(a) checker extract, all seeds", f"{extract:.3f} s", f"{len(text):,} chars, {len(files)} files"),
        ("(b) bare jieba.lcut, same text", f"{bare:.3f} s", "import + dictionary load + lcut"),
        ("(a)/(b)", f"{ratio:.2f}", f"target ≤ {RATIO_TARGET}: {_ok(ratio <= RATIO_TARGET)}"),
        ("(c) checker --help", f"{helps:.3f} s", f"target < {HELP_TARGET} s: {_ok(helps < HELP_TARGET)}"),
        ("(a) on 2x / 3x the corpus", f"{scaled[2]:.3f} s",
         f"/ {scaled[3]:.3f} s ({2 * len(files)} / {3 * len(files)} files)"),
        ("cost of each extra corpus copy", f"{step1:.3f} s", f"then {step2:.3f} s: linear when these agree"),
        ("(b) on 3x the text", f"{bare3:.3f} s", f"jieba alone: {(bare3 - bare) / 2:.3f} s per extra copy"),
        *[(f"pipeline CPU time, {n}x corpus", f"{c:.3f} s",
           f"{1e4 * c / chars * 1000:.1f} ms per 10k chars, {found} mentions (start-up excluded)")
          for n, (c, chars, found) in cpu.items()],
        ("peak memory (children)", f"{peak_mb:.0f} MB",
         f"target < {MEMORY_TARGET_MB} MB: {_ok(peak_mb < MEMORY_TARGET_MB)}"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"checker benchmark  (python {sys.version.split()[0]}, {os.cpu_count()} cpus, "
          f"best of {args.repeat})")
    for name, value, note in rows:
        print(f"  {name:<{width}}  {value:>10}  {note}")


if __name__ == "__main__":
    main()
