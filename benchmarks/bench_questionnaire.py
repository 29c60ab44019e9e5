"""How quickly the questionnaire answers: the first question after launch, and each next one. Run by hand.

`pmladder assess` runs in a real pseudo-terminal (pexpect), on the bundled knowledge base
with a warm cache (a warm-up run fills it), answering the questions as a script: a name,
the current role, the target, no city, then every rating. It measures

  first     from launch to the first question on screen (target: 250 ms)
  between   from sending an answer to the next rating question on screen (target: no
            pause over 30 ms): the median, the 90th percentile and the largest
  gc        every garbage collection in the questionnaire's process and how long it took,
            read from `gc.callbacks` installed before pmladder starts (the only change to
            the process being measured), so a slow step can be told apart from a collection

The terminal's own latency (pexpect polling, the pseudo-terminal) is in every figure.

    python benchmarks/bench_questionnaire.py
    python benchmarks/bench_questionnaire.py --runs 5 --role product-manager
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

FIRST_TARGET = 0.250
PAUSE_TARGET = 0.030

# Runs pmladder's own entry point, with a GC timer that writes one JSON line per collection.
PROBE = """
import gc, os, sys, time, json
log = open(os.environ["PMLADDER_BENCH_GC_LOG"], "w", buffering=1)
started = {}
def timer(phase, info):
    if phase == "start":
        started["t"] = time.perf_counter()
    else:
        log.write(json.dumps({"generation": info["generation"], "ms": (time.perf_counter() - started["t"]) * 1000,
                              "collected": info["collected"], "at": time.time()}) + "\\n")
gc.callbacks.append(timer)
from pmladder.cli.entry import main
sys.argv = ["pmladder", *sys.argv[1:]]
main()
"""


def run_once(role: str, home: Path, log: Path) -> tuple[float, list[float], list[dict[str, float]]]:
    """(seconds to the first question, [seconds to the next question], the collections between the two)."""
    import pexpect

    env = {
        **os.environ,
        "PMLADDER_HOME": str(home),
        "NO_COLOR": "1",
        "TERM": "xterm",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "PMLADDER_BENCH_GC_LOG": str(log),
    }
    env.pop("PMLADDER_KB", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode is cached (the warm-up writes it)
    args = ["-c", PROBE, "assess", "--no-evidence", "--no-save", "--role", role]
    start = time.perf_counter()
    child = pexpect.spawn(sys.executable, args, env=env, encoding="utf-8", timeout=30, dimensions=(50, 120))
    child.delaybeforesend = None  # pexpect waits 50 ms before each send by default
    child.expect("Your name")
    first = time.perf_counter() - start
    opened = time.time()
    child.sendline("Bench")
    child.expect("current role")
    child.send("\r")
    steps: list[float] = []
    if child.expect(["salary context", "Which fits you best"]) == 0:
        child.send("\r")  # skip the city
        child.expect("Which fits you best")
    while True:
        sent = time.perf_counter()
        child.send("3\r")
        found = child.expect(["Which fits you best", "Score these answers"])
        steps.append(time.perf_counter() - sent)
        if found == 1:
            break
    closed = time.time()
    child.send("\r")
    child.expect(pexpect.EOF)
    child.close()
    collections = [json.loads(line) for line in log.read_text().splitlines()]
    return first, steps, [c for c in collections if opened <= c["at"] <= closed]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="questionnaires, after one warm-up (default 3)")
    parser.add_argument("--role", default="head-of-product", help="the target role: its skills are the questions")
    args = parser.parse_args()

    firsts: list[float] = []
    steps: list[float] = []
    by_question: dict[int, list[float]] = {}
    collections: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="pmladder-bench-") as temp:
        home, log = Path(temp) / "home", Path(temp) / "gc.jsonl"
        run_once(args.role, home, log)  # warm-up: the knowledge-base cache, .pyc files
        for _ in range(args.runs):
            first, timed, seen = run_once(args.role, home, log)
            firsts.append(first)
            steps += timed
            for n, seconds in enumerate(timed, start=1):
                by_question.setdefault(n, []).append(seconds * 1000)
            collections += seen

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {load:.2f}; {args.runs} runs")
    ms = [s * 1000 for s in sorted(steps)]
    p90 = ms[min(len(ms) - 1, int(0.9 * len(ms)))]
    first_ok = statistics.median(firsts) <= FIRST_TARGET
    pause_ok = max(ms) <= PAUSE_TARGET * 1000
    print(
        f"first question: median {statistics.median(firsts) * 1000:.0f} ms"
        f" ({min(firsts) * 1000:.0f}-{max(firsts) * 1000:.0f}); target ≤{FIRST_TARGET * 1000:.0f}:"
        f" {'PASS' if first_ok else 'FAIL'}"
    )
    print(
        f"between questions ({len(ms)}): median {statistics.median(ms):.1f} ms, 90th {p90:.1f}, max {max(ms):.1f};"
        f" target: none over {PAUSE_TARGET * 1000:.0f}: {'PASS' if pause_ok else 'FAIL'}"
    )
    slowest = sorted(by_question.items(), key=lambda item: -max(item[1]))[:3]
    print(
        "slowest answers: " + "; ".join(f"#{n} " + " ".join(f"{t:.0f}" for t in times) + " ms" for n, times in slowest)
    )
    by_generation: dict[int, list[float]] = {}
    for c in collections:
        by_generation.setdefault(int(c["generation"]), []).append(c["ms"])
    for generation, times in sorted(by_generation.items()):
        print(
            f"gc generation {generation} while questions are asked: {len(times) / args.runs:.1f} a run,"
            f" longest {max(times):.1f} ms, total {sum(times) / args.runs:.1f} ms a run"
        )
    return 0 if first_ok and pause_ok else 1


if __name__ == "__main__":
    sys.exit(main())
