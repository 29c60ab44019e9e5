"""Output under attack and under faults: escaped text on stderr, safe CSV, and lost output never a success.

Injection: names, ids, keys and file names holding terminal control sequences must reach
stderr escaped, checked on the raw bytes; CSV cells must never start a formula or hold a raw
CR. Faults: the installed command, as a real subprocess, with stdout on /dev/full, closed,
or a pipe whose reader has gone: exit code 2, one line in our words (none for a broken pipe),
no traceback.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SMALL_KB, run
from pmladder.reports.cohort_csv import _row, safe

PMLADDER = str(Path(sys.executable).with_name("pmladder"))
TIMEOUT = 120
HOSTILE_BYTES = [b"\x1b", b"\x07", b"\x00", b"\x7f", b"\r", "\u202e".encode(), "\u2066".encode(), "\x9b".encode()]
OK = "target_role: head-of-product\n"


def assert_clean(raw: bytes) -> None:
    """No byte a terminal would act on: escape, bell, NUL, DEL, CR, C1, bidirectional controls."""
    for bad in HOSTILE_BYTES:
        assert bad not in raw, (bad, raw[:300])


# --- injection on stderr -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('target_role: "\\e[2J\\e[3J\\ec"\n', "target_role '\\x1b[2J\\x1b[3J\\x1bc'"),
        ('target_role: "\\e]0;you have been owned\\a"\n', "target_role '\\x1b]0;you have been owned\\x07'"),
        (OK + 'ratings: {"\\e]8;;http://evil.example\\e\\\\x\\e]8;;\\e\\\\": 3}\n', "\\x1b]8;;http://evil.example"),
        (OK + 'ratings: {"abc\\u202Edef": 3}\n', "'abc\\u202edef'"),
        (OK + 'ratings: {"\\u2067x\\u2069": 3}\n', "'\\u2067x\\u2069'"),
        ('current_role: "a\\0b"\n' + OK, "current_role 'a\\x00b'"),
        ('current_role: "a\\x7fb\\x85c\\x9bd"\n' + OK, "'a\\x7fb\\x85c\\x9bd'"),
        (OK + 'city: "\\e[8mhidden"\n', "unknown city '\\x1b[8mhidden'"),
        (OK + 'evidence: {"\\u200e\\u200f\\u061c": x}\n', "'\\u200e\\u200f\\u061c'"),
    ],
)
def test_text_from_a_file_reaches_stderr_escaped(
    text: str, shown: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.yaml").write_text(text)
    monkeypatch.chdir(tmp_path)
    result = run(["assess", "--answers", "a.yaml"])
    assert result.exit_code == 2
    assert_clean(result.stderr_bytes)
    assert shown in result.stderr, result.stderr


def test_a_file_literally_named_with_escape_characters(tmp_path: Path) -> None:
    name = "\x1b]0;title\x07\x1b[2J\u202eevil.yaml"
    (tmp_path / name).write_text("target_role: [\n")
    done = subprocess.run(
        [PMLADDER, "assess", "--answers", name], cwd=tmp_path, capture_output=True, timeout=TIMEOUT, check=False
    )
    assert done.returncode == 2
    assert_clean(done.stderr)
    assert done.stderr.decode().startswith("\\x1b]0;title\\x07\\x1b[2J\\u202eevil.yaml:2:1: invalid YAML")


def test_a_hostile_id_in_a_knowledge_base_is_escaped(kb_copy: Path) -> None:
    roles = kb_copy / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    roles.write_text(text.replace("next_roles: [", 'next_roles: ["\\e[31mred\\u202e", ', 1), encoding="utf-8")
    result = run(["kb", "validate", str(kb_copy)])
    assert result.exit_code == 2
    assert_clean(result.stderr_bytes)
    assert "'\\x1b[31mred\\u202e'" in result.stderr


# --- CSV ---------------------------------------------------------------------------------


NAMES = {
    "cr-formula": "Ada\r=cmd|' /C calc'!A0",
    "space-formula": " =1+1",
    "tab-formula": "\t=1",
    "hyperlink": '=HYPERLINK("http://evil.example","click")',
    "at": "@SUM(1+1)",
    "plus": "+44 20 7946 0000",
    "minus": "-2+3",
    "fullwidth": "＝1+1",
    "escape": "\x1b]0;title\x07Bo",
    "bidi": "\u202eevil",
    "newline": "Cy\n=2+2",
    "comma-quote": 'Dee, "the" PM',
    "plain": "Eve Example",
}


@pytest.fixture
def hostile_cohort(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cohort"
    folder.mkdir()
    for file_name, name in NAMES.items():
        data = {"name": name, "target_role": "junior", "ratings": {"writing": 2, "shipping": 1}}
        (folder / f"{file_name}.json").write_text(json.dumps(data))
    for file_name in ("=cmd.yaml", "+1.yaml", "@x.yaml", "-y.yaml"):
        (folder / file_name).write_text("target_role: junior\nratings: {writing: 2}\n")
    monkeypatch.chdir(folder)  # files are named without a folder, so a name can start a cell
    return folder


def test_csv_cells_are_never_formulas_or_raw_controls(hostile_cohort: Path) -> None:
    result = run(["--kb", str(SMALL_KB), "cohort", ".", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    raw = result.stdout_bytes
    assert_clean(raw)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    header, people = rows[0], rows[1:]
    assert len(people) == len(NAMES) + 4
    assert all(len(row) == len(header) for row in people)
    text_columns = [header.index(c) for c in ("name", "file", "target_role", "biggest_gap", "below_gate")]
    for row in people:
        for index in text_columns:
            cell = row[index].lstrip()
            assert not cell or cell[0] not in "=+-@＝＋－＠", row
    names = {row[header.index("file")]: row[header.index("name")] for row in people}
    assert names["cr-formula.json"] == "Ada\\r=cmd|' /C calc'!A0"
    assert names["space-formula.json"] == "'=1+1"  # the answers file strips the leading space
    assert names["hyperlink.json"] == "'" + NAMES["hyperlink"]
    assert names["fullwidth.json"] == "'＝1+1"
    assert names["escape.json"] == "\\x1b]0;title\\x07Bo"
    assert names["bidi.json"] == "\\u202eevil"
    assert names["newline.json"] == "Cy\\n=2+2"
    assert names["comma-quote.json"] == 'Dee, "the" PM'
    assert names["plain.json"] == "Eve Example"
    assert {"'=cmd.yaml", "'+1.yaml", "'@x.yaml", "'-y.yaml"} <= set(names)
    assert b'"Dee, ""the"" PM"' in raw


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("Ada\r=cmd|' /C calc'!A0", "Ada\\r=cmd|' /C calc'!A0"),
        (" =1+1", "' =1+1"),
        ("\t=1", "' =1"),
        ("\r\n=1", "'\\r\\n=1"),
        ("\x00=1", "'\\x00=1"),
        ("\u202e=1", "'\\u202e=1"),
        ("a,b", "a,b"),
        ("Ada", "Ada"),
        ("", ""),
    ],
)
def test_the_formula_guard_looks_past_blanks_and_controls(text: str, cell: str) -> None:
    assert safe(text) == cell


def test_a_lone_cr_or_lf_is_always_quoted() -> None:
    """csv.writer leaves a lone CR unquoted when lines end in LF; our rows never do."""
    assert _row(["a\rb", "c\nd", 'e"f', "g,h", "plain", 3]) == '"a\rb","c\nd","e""f","g,h",plain,3\n'
    assert next(csv.reader(io.StringIO(_row(["a\rb", "=x"]), newline=""))) == ["a\rb", "=x"]


# --- lost output ---------------------------------------------------------------------------


@pytest.fixture(params=["buffered", "unbuffered"])
def env(request: pytest.FixtureRequest) -> dict[str, str]:
    environment = {**os.environ, "NO_COLOR": "1"}
    environment.pop("PYTHONUNBUFFERED", None)
    if request.param == "unbuffered":
        environment["PYTHONUNBUFFERED"] = "1"
    return environment


@pytest.fixture(scope="module")
def big_cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """400 people: a JSON report far larger than a pipe's buffer."""
    folder = tmp_path_factory.mktemp("big")
    for n in range(400):
        ratings = ", ".join(f"{skill}: {1 + (n + i) % 5}" for i, skill in enumerate(["discovery", "delivery"]))
        (folder / f"p{n:03d}.yaml").write_text(f"name: Person {n}\n{OK}ratings: {{{ratings}}}\n")
    return folder


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["roles", "--format", "json"], ["roles"], ["--version"], ["kb", "validate"]])
def test_a_full_disk_is_one_line_and_exit_2(args: list[str], env: dict[str, str]) -> None:
    with Path("/dev/full").open("wb") as full:
        done = subprocess.run([PMLADDER, *args], env=env, stdout=full, stderr=subprocess.PIPE, timeout=TIMEOUT)
    assert done.returncode == 2
    assert done.stderr == b"pmladder: error: the output could not be written: no space left on the device\n"


@pytest.mark.parametrize("args", [["roles", "--format", "json"], ["roles"], ["--version"], ["--help"]])
def test_a_closed_stdout_is_one_line_and_exit_2_never_0(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(
        ["/bin/sh", "-c", 'exec "$0" "$@" >&-', PMLADDER, *args], env=env, capture_output=True, timeout=TIMEOUT
    )
    assert done.returncode == 2
    assert done.stderr == b"pmladder: error: the output could not be written: standard output is closed\n"


def test_a_closed_stdout_is_fine_when_the_report_goes_to_a_file(tmp_path: Path, env: dict[str, str]) -> None:
    out = tmp_path / "roles.json"
    done = subprocess.run(
        ["/bin/sh", "-c", 'exec "$0" "$@" >&-', PMLADDER, "roles", "--format", "json", "-o", str(out)],
        env=env,
        capture_output=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["roles"]


def test_a_closed_stdin_is_a_placed_message(tmp_path: Path, env: dict[str, str]) -> None:
    done = subprocess.run(
        ["/bin/sh", "-c", 'exec "$0" "$@" <&-', PMLADDER, "assess", "--answers", "-"],
        env=env,
        capture_output=True,
        timeout=TIMEOUT,
    )
    assert (done.returncode, done.stderr) == (2, b"<stdin>: standard input is closed\n")


@pytest.mark.parametrize("args", [["roles", "--format", "json"], ["roles"], ["--version"]])
def test_a_pipe_whose_reader_left_exits_2_quietly(args: list[str], env: dict[str, str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte: the first write fails
    try:
        done = subprocess.run(
            [PMLADDER, *args], env=env, stdout=write_end, stderr=subprocess.PIPE, timeout=TIMEOUT, check=False
        )
    finally:
        os.close(write_end)
    assert done.returncode == 2
    assert done.stderr == b""


@pytest.mark.parametrize("extra", [[], ["--fail-under", "100"]])
def test_head_on_a_large_cohort_exits_2_never_1(
    extra: list[str], big_cohort: Path, env: dict[str, str], tmp_path: Path
) -> None:
    """`pmladder cohort DIR --format json | head -c 10`: exit 1 would mean 'below a gate'."""
    process = subprocess.Popen(
        [PMLADDER, "cohort", str(big_cohort), "--format", "json", *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert process.stdout is not None and process.stderr is not None
    assert len(process.stdout.read(10)) == 10
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=TIMEOUT) == 2
    assert b"Traceback" not in stderr
    assert b"Broken pipe" not in stderr and b"Exception ignored" not in stderr


def test_head_in_a_shell_pipeline_fails_it(big_cohort: Path, env: dict[str, str]) -> None:
    script = 'set -o pipefail; "$0" cohort "$1" --format json | head -c 10 > /dev/null'
    done = subprocess.run(
        ["bash", "-c", script, PMLADDER, str(big_cohort)], env=env, capture_output=True, timeout=TIMEOUT
    )
    assert done.returncode == 2
    assert done.stderr == b""


def test_a_broken_pipe_on_stderr_is_exit_2_not_1(tmp_path: Path, env: dict[str, str]) -> None:
    (tmp_path / "many.yaml").write_text(OK + "ratings:\n" + "".join(f"  k{i}: 1\n" for i in range(100)))
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [PMLADDER, "assess", "--answers", "many.yaml"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=write_end,
            cwd=tmp_path,
            timeout=TIMEOUT,
            check=False,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 2
    assert done.stdout == b""
