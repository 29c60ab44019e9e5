"""How fast is `pmladder cohort` next to merely parsing the same files, and how does it grow? Run by hand.

For each size (default 1,000, 10,000 and 50,000 answers files with 20 entries each) it
generates a cohort into a temporary folder, then times, as separate processes, in
interleaved rounds after one warm-up:

  floor     one Python process that only does `yaml.load(f, Loader=yaml.CSafeLoader)` per file
  cohort    `python -m pmladder cohort DIR --format json`: the automatic choice of processes
  --jobs 1  the same in one process

with stdout to /dev/null, and reports per size the paired ratio to the floor (each run
divided by the floor of its own round: median and extremes), wall and CPU time, peak
memory, and time and memory per file. Targets: at 10,000 files the cohort at most 1.2x the
floor; at 50,000 a peak RSS of at most 250 MiB; time and memory growing linearly or better
from the smallest size to the largest (the "growth" line: per-file cost at the largest size
over that at the smallest; 1.0 is linear, below is better). It also checks that the
parallel and the one-process outputs are the same bytes. Exits 1 when a target is missed.

Peak RSS is the largest of the process tree: the main process's, and each worker's, read
from `os.wait4` (the per-process form of `getrusage(RUSAGE_CHILDREN)`), which for a worker
counts the pages it shares with its parent after the fork as well, so it overstates.

Skill ids come from the bundled knowledge base when it loads, else the small test one.
A knowledge base with fewer than 20 skills gets one rating per skill and the rest of the
20 entries as evidence lines, so every file has the same size of content.

    python benchmarks/bench_cohort.py
    python benchmarks/bench_cohort.py --sizes 10000 --runs 5
    python benchmarks/bench_cohort.py --sizes 2000 --profile
"""

from __future__ import annotations

import argparse
import filecmp
import os
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SMALL_KB = ROOT / "tests" / "fixtures" / "small"
FIRST_NAMES = ["Ada", "Bo", "Chen", "Dana", "Eli", "Fatima", "Goran", "Hana", "Ivo", "Jun", "Kemi", "Luis"]
EVIDENCE = "Led the discovery for the onboarding redesign and shipped it in two increments"
RATIO_TARGET = 1.2  # at TIME_SIZE files
TIME_SIZE = 10_000
RSS_TARGET = 250.0  # MiB, at RSS_SIZE files
RSS_SIZE = 50_000

FLOOR = textwrap.dedent(
    """
    import sys, yaml
    from pathlib import Path
    count = 0
    for path in sorted(Path(sys.argv[1]).iterdir()):
        with open(path, "rb") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)
        count += 1
    print(count)
    """
)


def knowledge_base() -> tuple[Path, list[str], list[tuple[str, list[str]]]]:
    """(folder, skill ids, [(role id, required skill ids)]) of the bundled KB, else the small one."""
    from pmladder.io.paths import bundled_kb_dir
    from pmladder.knowledge.load import load_knowledge_base

    for folder in (bundled_kb_dir(), SMALL_KB):
        try:
            kb = load_knowledge_base(folder)
        except Exception as exc:  # any failure means: try the next one
            print(f"cannot use {folder}: {exc}", file=sys.stderr)
            continue
        roles = [(r.id, [req.skill for req in r.requirements]) for r in kb.roles]
        return folder, [s.id for s in kb.skills], roles
    raise SystemExit("no usable knowledge base")


def generate(folder: Path, count: int, entries: int, skills: list[str], roles: list[tuple[str, list[str]]]) -> None:
    """`count` answers files, each with `entries` ratings (plus evidence when skills run out)."""
    rng = random.Random(20261121)
    for n in range(count):
        role_id, required = rng.choice(roles)
        rated = required[:entries] if len(required) >= entries else required
        lines = [
            f"name: {rng.choice(FIRST_NAMES)} Example {n}",
            f"target_role: {role_id}",
            "assessed_on: 2026-11-21",
            "ratings:",
        ]
        lines += [f"  {skill}: {rng.choice(['1', '2', '3', '3', '4', '4', '5', 'null'])}" for skill in rated]
        extra = entries - len(rated)
        if extra > 0:
            lines.append("evidence:")
            lines += [f'  {skill}: "{EVIDENCE}"' for skill in (skills * entries)[:extra]]
        (folder / f"person-{n:05d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and its workers
    rss: float  # peak resident set size of the largest process, MiB


def timed(command: list[str], env: dict[str, str], stdout: int | Path = subprocess.DEVNULL) -> Run:
    """One child process (and its workers); rusage through `os.wait4` for the child, RUSAGE_CHILDREN for its own."""
    start = time.perf_counter()
    with open(stdout, "wb") if isinstance(stdout, Path) else open(os.devnull, "wb") as out:
        process = subprocess.Popen(command, stdout=out, env=env)
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited with {process.returncode}")
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    # ru_maxrss of a waited child includes its own reaped children's largest (they are its descendants)
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / scale)


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f}x ({min(values):.2f}-{max(values):.2f})"


@dataclass(frozen=True)
class Size:
    files: int
    mib: float
    floor: list[Run]
    auto: list[Run]
    serial: list[Run]
    same: bool

    def ratios(self, runs: list[Run]) -> list[float]:
        return [r.wall / f.wall for r, f in zip(runs, self.floor, strict=True)]


def measure(files: int, args: argparse.Namespace, kb: tuple[Path, list[str], list[tuple[str, list[str]]]]) -> Size:
    kb_dir, skills, roles = kb
    with tempfile.TemporaryDirectory(prefix="pmladder-bench-") as temp:
        folder = Path(temp) / "cohort"
        folder.mkdir()
        generate(folder, files, args.entries, skills, roles)
        env = {**os.environ, "PMLADDER_HOME": str(Path(temp) / "home")}
        env.pop("PMLADDER_KB", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode is cached (the warm-up writes it)
        floor_cmd = [sys.executable, "-c", FLOOR, str(folder)]
        cohort_cmd = [sys.executable, "-m", "pmladder", "--kb", str(kb_dir), "cohort", str(folder), "--format", "json"]
        serial_cmd = [*cohort_cmd, "--jobs", "1"]

        # warm-up (page cache, .pyc files, the knowledge-base cache), and the two outputs compared
        timed(floor_cmd, env)
        timed(cohort_cmd, env, Path(temp) / "auto.json")
        timed(serial_cmd, env, Path(temp) / "serial.json")
        same = filecmp.cmp(Path(temp) / "auto.json", Path(temp) / "serial.json", shallow=False)
        floor: list[Run] = []
        auto: list[Run] = []
        serial: list[Run] = []
        for _ in range(args.runs):  # interleaved, so a busy spell slows all three alike
            floor.append(timed(floor_cmd, env))
            auto.append(timed(cohort_cmd, env))
            serial.append(timed(serial_cmd, env))
        mib = sum(p.stat().st_size for p in folder.iterdir()) / 1024 / 1024
        if args.profile:
            profile = Path(temp) / "cohort.prof"
            subprocess.run(
                [sys.executable, "-m", "cProfile", "-o", str(profile), *serial_cmd[1:]],
                stdout=subprocess.DEVNULL,
                env=env,
                check=True,
            )
            import pstats

            pstats.Stats(str(profile)).sort_stats("cumulative").print_stats(30)
    return Size(files, mib, floor, auto, serial, same)


def median(runs: list[Run], field: str) -> float:
    return float(statistics.median(float(getattr(r, field)) for r in runs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000", help="comma-separated numbers of files")
    parser.add_argument("--entries", type=int, default=20, help="entries per file (default 20)")
    parser.add_argument("--runs", type=int, default=3, help="timed rounds per size, after one warm-up (default 3)")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of one --jobs 1 run per size")
    args = parser.parse_args()
    sizes = sorted(int(s.replace("_", "")) for s in args.sizes.split(","))

    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        raise SystemExit("PyYAML without libyaml: the floor (CSafeLoader) cannot be measured")
    kb = knowledge_base()
    results = [measure(files, args, kb) for files in sizes]

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"knowledge base {kb[0]}; {args.entries} entries a file; {args.runs} rounds a size")
    print(f"python {sys.version.split()[0]}, PyYAML {yaml.__version__} with libyaml, {os.cpu_count()} cores")
    print(f"load average {load:.2f} at the end (other programs sharing the cores slow the parallel runs most)")
    print()
    header = (
        f"{'files':>7} {'MiB':>5} {'floor s':>8} {'cohort s':>9} {'ratio (min-max)':>20} {'CPU s':>6}"
        f" {'RSS MiB':>8} {'ms/1k files':>12} {'KiB/file':>9} {'--jobs 1 ratio':>21} {'RSS':>5} {'same':>5}"
    )
    print(header)
    for size in results:
        wall, rss = median(size.auto, "wall"), max(r.rss for r in size.auto)
        print(
            f"{size.files:>7,} {size.mib:>5.1f} {median(size.floor, 'wall'):>8.2f} {wall:>9.2f}"
            f" {spread(size.ratios(size.auto)):>20} {median(size.auto, 'cpu'):>6.2f} {rss:>8.0f}"
            f" {wall / size.files * 1e6:>12.0f} {rss * 1024 / size.files:>9.1f}"
            f" {spread(size.ratios(size.serial)):>21} {max(r.rss for r in size.serial):>5.0f} {size.same!s:>5}"
        )

    failed = False
    print()
    for size in results:
        if size.files == TIME_SIZE:
            ratio = statistics.median(size.ratios(size.auto))
            ok = ratio <= RATIO_TARGET
            failed |= not ok
            print(f"{TIME_SIZE:,} files: {ratio:.2f}x the floor (target ≤{RATIO_TARGET}x): {'PASS' if ok else 'FAIL'}")
        if size.files == RSS_SIZE:
            rss = max(r.rss for r in size.auto)
            ok = rss <= RSS_TARGET
            failed |= not ok
            print(f"{RSS_SIZE:,} files: peak RSS {rss:.0f} MiB (target ≤{RSS_TARGET:.0f}): {'PASS' if ok else 'FAIL'}")
        if not size.same:
            failed = True
            print(f"{size.files:,} files: the parallel output differs from the one-process output: FAIL")
    if len(results) > 1:
        small, large = results[0], results[-1]
        time_growth = (median(large.auto, "wall") / large.files) / (median(small.auto, "wall") / small.files)
        rss_growth = (max(r.rss for r in large.auto) / large.files) / (max(r.rss for r in small.auto) / small.files)
        ok = time_growth <= 1.0 and rss_growth <= 1.0
        failed |= not ok
        print(
            f"growth from {small.files:,} to {large.files:,} files, per file: time {time_growth:.2f},"
            f" memory {rss_growth:.2f} (target: at most 1.00, linear or better): {'PASS' if ok else 'FAIL'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
