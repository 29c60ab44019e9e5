"""How fast is `pmladder cohort` next to merely parsing the same files? Run by hand, not in CI.

Generates N answers files (default 10,000) with 20 entries each into a temporary folder,
then times, as separate processes and as the median of several runs after one warm-up:

  floor   one Python process that only does `yaml.load(f, Loader=yaml.CSafeLoader)` per file
  cohort  `python -m pmladder cohort DIR --format json` with stdout to /dev/null

and reports the ratio (target: at most 1.5) and the cohort's peak RSS (target: under
300 MiB), measured per child with `os.wait4`, the per-process form of
`getrusage(RUSAGE_CHILDREN)`. Output goes to stdout rather than `-o /dev/null`: an
atomic write replaces its target, which must never be a device.

Skill ids come from the bundled knowledge base when it loads, else the small test one.
A knowledge base with fewer than 20 skills gets one rating per skill and the rest of the
20 entries as evidence lines, so every file has the same size of content.

    python benchmarks/bench_cohort.py
    python benchmarks/bench_cohort.py --files 2000 --runs 5 --profile
"""

from __future__ import annotations

import argparse
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
    cpu: float  # user + system seconds: steadier than wall time on a busy machine
    rss: float  # peak resident set size, MiB


def timed(command: list[str], env: dict[str, str]) -> Run:
    """One child process, stdout discarded; its own rusage through `os.wait4`."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited with {process.returncode}")
    rss = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 1024 / 1024
    return Run(elapsed, usage.ru_utime + usage.ru_stime, rss)


def median(runs: list[Run], field: str) -> float:
    return float(statistics.median(float(getattr(r, field)) for r in runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=10_000, help="how many answers files (default 10000)")
    parser.add_argument("--entries", type=int, default=20, help="entries per file (default 20)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each, after one warm-up (default 3)")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of one cohort run")
    args = parser.parse_args()

    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        raise SystemExit("PyYAML without libyaml: the floor (CSafeLoader) cannot be measured")
    kb_dir, skills, roles = knowledge_base()
    with tempfile.TemporaryDirectory(prefix="pmladder-bench-") as temp:
        folder = args.keep or Path(temp) / "cohort"
        folder.mkdir(parents=True, exist_ok=True)
        generate(folder, args.files, args.entries, skills, roles)
        env = {**os.environ, "PMLADDER_HOME": str(Path(temp) / "home")}
        env.pop("PMLADDER_KB", None)
        floor_cmd = [sys.executable, "-c", FLOOR, str(folder)]
        cohort_cmd = [sys.executable, "-m", "pmladder", "--kb", str(kb_dir), "cohort", str(folder), "--format", "json"]

        timed(floor_cmd, env)  # warm-up: page cache, .pyc files, the knowledge-base cache
        timed(cohort_cmd, env)
        floor_runs: list[Run] = []
        cohort_runs: list[Run] = []
        for _ in range(args.runs):  # interleaved, so a busy spell slows both alike
            floor_runs.append(timed(floor_cmd, env))
            cohort_runs.append(timed(cohort_cmd, env))

        size = sum(p.stat().st_size for p in folder.iterdir()) / 1024 / 1024
        print(f"files:        {args.files} x {args.entries} entries ({size:.1f} MiB) against {kb_dir}")
        print(f"python:       {sys.version.split()[0]}, PyYAML {yaml.__version__} with libyaml")
        for label, runs in (("floor", floor_runs), ("cohort", cohort_runs)):
            walls = ", ".join(f"{r.wall:.2f}" for r in runs)
            print(
                f"{label + ':':13} {median(runs, 'wall'):.2f} s wall, {median(runs, 'cpu'):.2f} s CPU  (runs: {walls})"
            )
        print(
            f"ratio:        {median(cohort_runs, 'wall') / median(floor_runs, 'wall'):.2f}x wall, "
            f"{median(cohort_runs, 'cpu') / median(floor_runs, 'cpu'):.2f}x CPU  (target: at most 1.5x)"
        )
        print(f"peak RSS:     {max(r.rss for r in cohort_runs):.0f} MiB  (target: under 300 MiB)")

        if args.profile:
            profile = Path(temp) / "cohort.prof"
            subprocess.run(
                [sys.executable, "-m", "cProfile", "-o", str(profile), *cohort_cmd[1:]],
                stdout=subprocess.DEVNULL,
                env=env,
                check=True,
            )
            import pstats

            pstats.Stats(str(profile)).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
