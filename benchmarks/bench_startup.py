"""Start-up time of the pmladder CLI against its floor, `import typer` (run by hand, not a test).

Every command pays start-up, so it is measured against what typer alone costs in the same
environment: `python benchmarks/bench_startup.py --runs 30`. Exits 1 when a target is missed.
Rows without a target are context: where the time goes, not a promise.

The knowledge-base cache lives in the user's cache folder (or $PMLADDER_HOME/cache); the
warm-up round fills it, so `pmladder roles` is measured warm, as people run it; the
`no cache` row shows the cold cost.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Case:
    label: str
    argv: list[str]
    target: float | None = None  # the largest allowed ratio to `import typer`; None: no target
    env: dict[str, str] = field(default_factory=dict)


def console_script() -> str:
    """The `pmladder` installed next to this interpreter, so both come from one environment."""
    folder = Path(sys.executable).parent
    for name in ("pmladder", "pmladder.exe"):
        candidate = folder / name
        if candidate.is_file():
            return str(candidate)
    raise SystemExit(f"no pmladder console script next to {sys.executable}; install the package first")


def cases() -> list[Case]:
    script = console_script()
    return [
        Case("import typer", [sys.executable, "-c", "import typer"]),
        Case("pmladder --version", [script, "--version"], 1.15),
        Case("pmladder --help", [script, "--help"], 2.5),
        Case("pmladder roles", [script, "roles"], 3.0),
        Case("  roles --format json", [script, "roles", "--format", "json"]),
        Case("  roles, no cache", [script, "roles"], env={"PMLADDER_NO_CACHE": "1"}),
        Case("  import typer+pydantic", [sys.executable, "-c", "import typer, typer._adapters"]),
    ]


def median_seconds(chosen: list[Case], runs: int) -> list[float]:
    """Median wall time of each case over `runs` rounds.

    Rounds interleave the cases, so a machine that slows down or speeds up mid-run shifts
    every case alike and the ratios stay fair; one warm-up round fills the OS file cache
    and the knowledge-base cache first.
    """
    base = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    base.pop("PMLADDER_KB", None)
    base.pop("PMLADDER_NO_CACHE", None)
    times: list[list[float]] = [[] for _ in chosen]
    for n in range(runs + 1):
        for i, case in enumerate(chosen):
            env = base | case.env
            start = time.perf_counter()
            subprocess.run(case.argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
            if n:
                times[i].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=30, help="rounds; the median is reported (default 30)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    chosen = cases()
    results = list(zip(chosen, median_seconds(chosen, args.runs), strict=True))
    baseline = results[0][1]
    print(f"Python {sys.version.split()[0]}, median of {args.runs} interleaved runs")
    print(f"{'command':<26}{'median ms':>10}{'ratio':>8}{'target':>9}  result")
    failed = False
    for case, seconds in results:
        ratio = seconds / baseline
        if case.target is None:
            target, verdict = "", "baseline" if case is chosen[0] else ""
        else:
            target = f"≤{case.target:.2f}x"
            ok = ratio <= case.target
            failed |= not ok
            verdict = "PASS" if ok else "FAIL"
        print(f"{case.label:<26}{seconds * 1000:>10.1f}{ratio:>7.2f}x{target:>9}  {verdict}".rstrip())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
