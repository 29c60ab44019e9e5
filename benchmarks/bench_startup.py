"""Start-up time of the pmladder CLI against its floor, `import typer` (run by hand, not a test).

Every command pays start-up, so it is measured against what typer alone costs in the same
environment: `python benchmarks/bench_startup.py --runs 30`. Exits 1 when a target is missed.
Rows without a target are context: where the time goes, not a promise.

Rounds interleave the cases and each case is divided by the `import typer` of its own
round, so a machine that slows down mid-run (another program, a thermal limit) shifts both
sides of each ratio alike. The table shows the median of those paired ratios and their
spread: the interquartile range and the extremes. The targets apply to wall time; the CPU
column (the median paired ratio of user + system time) is steadier on a busy machine.

Output goes to a pipe, as in `pmladder roles | grep`, so the explore commands print their
plain text (a terminal gets Rich). Everything runs with a private PMLADDER_HOME whose
knowledge-base cache the warm-up round fills, so commands are measured warm, as people
run them; the `no cache` row shows the cold cost. `assess` keeps its history there too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = ROOT / "examples" / "calibration" / "ada.yaml"


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
    pm = console_script()
    return [
        Case("import typer", [sys.executable, "-c", "import typer"]),
        Case("pmladder --version", [pm, "--version"], 0.5),
        Case("pmladder --help", [pm, "--help"], 2.3),
        Case("roles | cat", [pm, "roles"], 2.6),
        Case("skills | cat", [pm, "skills"], 2.6),
        Case("path A B | cat", [pm, "path", "associate-product-manager", "head-of-product"], 2.6),
        Case("roles show ID", [pm, "roles", "show", "head-of-product"], 2.8),
        Case("skills show ID", [pm, "skills", "show", "product-strategy"], 2.8),
        Case("assess --answers -f json", [pm, "assess", "--answers", str(ANSWERS), "--format", "json"], 3.0),
        Case("  roles --format json", [pm, "roles", "--format", "json"]),
        Case("  roles, no cache", [pm, "roles"], env={"PMLADDER_NO_CACHE": "1"}),
        Case("  import typer+pydantic", [sys.executable, "-c", "import typer, typer._adapters"]),
        Case("  no-op typer app", [sys.executable, "-c", NO_OP, "roles"]),
    ]


# The floor of a command shaped like `pmladder roles`: a root with --kb and --version, a group
# with --format and --output, doing nothing. Typer 0.29 builds a Pydantic TypeAdapter per option.
NO_OP = """
from typing import Annotated, Optional
import typer
app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False)
@app.callback()
def root(kb: Annotated[Optional[str], typer.Option("--kb")] = None,
         version: Annotated[bool, typer.Option("--version", is_eager=True)] = False) -> None:
    pass
group = typer.Typer(invoke_without_command=True)
@group.callback()
def roles(format: Annotated[Optional[str], typer.Option("--format", "-f")] = None,
          output: Annotated[Optional[str], typer.Option("--output", "-o")] = None) -> None:
    print("roles")
app.add_typer(group, name="roles")
@app.command()
def other() -> None:
    pass
app()
"""


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of one run, its output read from a pipe."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert process.stdout is not None
    process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def paired_ratios(chosen: list[Case], runs: int, home: str) -> tuple[list[list[float]], list[list[float]], list[float]]:
    """Per case, its wall and its CPU time divided by the baseline's (the first case) of the same round;
    and the baseline's wall times. One warm-up round fills the OS file cache and the knowledge-base cache first.
    """
    base = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "PMLADDER_HOME": home}
    base.pop("PMLADDER_KB", None)
    base.pop("PMLADDER_NO_CACHE", None)
    base.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode is cached (the warm-up round writes it)
    walls: list[list[float]] = [[] for _ in chosen]
    cpus: list[list[float]] = [[] for _ in chosen]
    baseline: list[float] = []
    for n in range(runs + 1):
        measured = [timed(case.argv, base | case.env) for case in chosen]
        if n:
            (wall0, cpu0) = measured[0]
            baseline.append(wall0)
            for i, (wall, cpu) in enumerate(measured):
                walls[i].append(wall / wall0)
                cpus[i].append(cpu / cpu0)
    return walls, cpus, baseline


def spread(values: list[float]) -> tuple[float, float, float, float, float]:
    """(median, first quartile, third quartile, min, max)."""
    if len(values) == 1:
        return (values[0],) * 5
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return statistics.median(values), q1, q3, min(values), max(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=30, help="rounds; paired ratios are summarised (default 30)")
    parser.add_argument("--only", help="run only the cases whose label contains this text (and the baseline)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    chosen = cases()
    if args.only:
        chosen = [chosen[0], *(c for c in chosen[1:] if args.only in c.label)]
    with tempfile.TemporaryDirectory(prefix="pmladder-bench-home-") as home:
        ratios, cpus, baseline = paired_ratios(chosen, args.runs, home)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.runs} interleaved rounds,"
        f" load average {load:.2f} at the end; import typer: median {statistics.median(baseline) * 1000:.1f} ms"
    )
    print(f"{'command':<27}{'ratio':>7}{'IQR':>14}{'min-max':>14}{'CPU':>7}{'target':>9}  result")
    failed = False
    for case, values, cpu in zip(chosen, ratios, cpus, strict=True):
        med, q1, q3, low, high = spread(values)
        if case.target is None:
            target, verdict = "", "baseline" if case is chosen[0] else ""
        else:
            target = f"≤{case.target:.2f}x"
            ok = med <= case.target
            failed |= not ok
            verdict = "PASS" if ok else "FAIL"
        iqr, extremes = f"{q1:.2f}-{q3:.2f}x", f"{low:.2f}-{high:.2f}x"
        cpu_ratio = f"{statistics.median(cpu):.2f}x"
        print(f"{case.label:<27}{med:>6.2f}x{iqr:>14}{extremes:>14}{cpu_ratio:>7}{target:>9}  {verdict}".rstrip())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
