"""``make bench``: how much the checker costs, measured against a bare jieba pass.

A benchmark, not a test: it prints figures and targets, it never fails a build.

(a) ``checker extract`` over every seed document, in one subprocess (imports, jieba dictionary
    load, ingest, structure, quantities, mentions, rendering: the whole pipeline);
(b) for reference, ``import jieba; jieba.lcut(text)`` of the same text (all seeds concatenated)
    in a subprocess; target (a)/(b) ≤ 1.5;
(c) ``checker --help`` start-up (target < 0.3 s);
then (a) again on 2× and 3× the corpus (copies of each seed) to show the cost grows linearly (the
cost of each extra copy stays the same), and
the peak memory of the children (``resource.getrusage``; target < 500 MB).
Each figure is the best of ``--repeat`` runs (default 3) after one untimed warm-up run, which also
builds jieba's dictionary cache.
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


def timed(cmd: list[str], repeat: int, stdin: str | None = None) -> float:
    """Best wall time of ``repeat`` runs of ``cmd`` (after one warm-up), output discarded."""
    def once() -> float:
        start = time.perf_counter()
        subprocess.run(cmd, input=stdin, text=True, stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
        return time.perf_counter() - start

    once()
    return min(once() for _ in range(repeat))


def checker_cmd(*args: str) -> list[str]:
    return [PY, "-m", "checker", *args]


JIEBA_ONLY = "import sys, jieba; jieba.setLogLevel(60); jieba.lcut(sys.stdin.read())"


def _ok(good: bool) -> str:
    return "ok" if good else "OVER"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = seed_files()
    text = "\n".join(p.read_text(encoding="utf-8") for p in files)

    extract = timed(checker_cmd("extract", *map(str, files), "--format", "csv"), args.repeat)
    bare = timed([PY, "-c", JIEBA_ONLY], args.repeat, stdin=text)
    helps = timed(checker_cmd("--help"), args.repeat)
    scaled = {1: extract}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (2, 3):
            copies = []
            for k in range(n):
                for p in files:
                    dst = Path(tmp) / f"{p.stem}-{n}-{k}{p.suffix}"
                    shutil.copyfile(p, dst)
                    copies.append(str(dst))
            scaled[n] = timed(checker_cmd("extract", *copies, "--format", "csv"), args.repeat)
    bare3 = timed([PY, "-c", JIEBA_ONLY], args.repeat, stdin=text * 3)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux

    ratio = extract / bare
    step1, step2 = scaled[2] - scaled[1], scaled[3] - scaled[2]
    rows = [
        ("(a) checker extract, all seeds", f"{extract:.3f} s", f"{len(text):,} chars, {len(files)} files"),
        ("(b) bare jieba.lcut, same text", f"{bare:.3f} s", "import + dictionary load + lcut"),
        ("(a)/(b)", f"{ratio:.2f}", f"target ≤ {RATIO_TARGET}: {_ok(ratio <= RATIO_TARGET)}"),
        ("(c) checker --help", f"{helps:.3f} s", f"target < {HELP_TARGET} s: {_ok(helps < HELP_TARGET)}"),
        ("(a) on 2x / 3x the corpus", f"{scaled[2]:.3f} s",
         f"/ {scaled[3]:.3f} s ({2 * len(files)} / {3 * len(files)} files)"),
        ("cost of each extra corpus copy", f"{step1:.3f} s", f"then {step2:.3f} s: linear when these agree"),
        ("(b) on 3x the text", f"{bare3:.3f} s", f"jieba alone: {(bare3 - bare) / 2:.3f} s per extra copy"),
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
