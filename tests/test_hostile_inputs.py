"""Hostile answers files and knowledge bases: every one is a placed, bounded message and exit code 2.

The corpus: the small committed files in tests/hostile/answers/ (see make_answers.py there),
the large and special ones made here at test time, and the knowledge-base mutations below,
each applied to a copy of the bundled knowledge base. Each case runs through the real CLI
and must end with exit code 2, nothing on stdout, no traceback, at most 29 lines on stderr
that start with the file's name (or `error:`), no control character on stderr, and no Python
internals in the message. The classes that could hang or crash the interpreter run in a
subprocess of the installed command, under a generous timeout: a hang fails, nothing times
the speed.
"""

from __future__ import annotations

import codecs
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import run
from pmladder.io.paths import bundled_kb_dir
from pmladder.io.sanitize import visible

HOSTILE = Path(__file__).parent / "hostile"
ANSWERS = sorted((HOSTILE / "answers").iterdir())
PMLADDER = str(Path(sys.executable).with_name("pmladder"))
TIMEOUT = 120  # seconds: generous; only a hang or a crash fails it
# What must never reach a person: Python's and Pydantic's words, 0-based paths, patterns.
LEAKS = re.compile(
    r"Traceback|Input should|Value error|String should|datetime\.|NoneType|<class|\bb'|\[\d+\]|\^\[|"
    r"\bdict\b|\btuple\b|\bint\b|\bstr\b|Errno|model_type|instance of"
)
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def assert_refused(code: int, stdout: str, stderr: str, *names: str) -> list[str]:
    """Exit 2, placed one-line messages in our words, bounded, escaped; returns stderr's lines."""
    lines = stderr.splitlines()
    assert code == 2, (code, stderr[:2000])
    assert stdout == ""
    assert 1 <= len(lines) < 30, lines[:40]
    prefixes = tuple(f"{visible(name)}:" for name in names)
    assert lines[0].startswith(prefixes), lines[0]
    for line in lines:
        prefix = next((p for p in (*prefixes, "error: ") if line.startswith(p)), None)
        assert prefix is not None, line
        words = re.sub(r"'[^']*'", "''", line[len(prefix) :])  # what the file says is quoted; ours is not
        assert not LEAKS.search(words), line
        assert len(line) < 1000, line[:200]
    assert not CONTROL.search(stderr), repr(stderr[:500])
    return lines


def run_slow(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """The installed command in a subprocess, under a timeout; output decoded strictly as UTF-8."""
    done = subprocess.run([PMLADDER, *args], cwd=cwd, capture_output=True, timeout=TIMEOUT, check=False)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def test_the_committed_corpus_is_what_the_script_writes(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(HOSTILE / "make_answers.py"), str(tmp_path)], check=True, capture_output=True)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [p.name for p in ANSWERS]
    assert len(written) >= 60
    for path in ANSWERS:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize("path", ANSWERS, ids=[p.name for p in ANSWERS])
def test_hostile_answers_file(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(path, tmp_path / path.name)
    monkeypatch.chdir(tmp_path)
    result = run(["assess", "--answers", path.name])
    assert_refused(result.exit_code, result.stdout, result.stderr, path.name)


@pytest.mark.parametrize("path", ANSWERS[:: max(1, len(ANSWERS) // 6)], ids=lambda p: p.name)
def test_hostile_answers_in_a_cohort_each_listed_with_its_place(path: Path, tmp_path: Path) -> None:
    """The same files in a cohort, next to a good one: still exit 2, nothing scored."""
    folder = tmp_path / "cohort"
    folder.mkdir()
    shutil.copy(path, folder / path.name)
    (folder / "good.yaml").write_text("target_role: head-of-product\nratings: {discovery: 3}\n")
    code, out, err = run_slow(["cohort", "cohort", "--format", "json"], tmp_path)
    assert_refused(code, out, err, f"cohort{os.sep}{path.name}")


# --- made at test time: too large to commit, or special files --------------------------------

OK = "target_role: head-of-product\n"


def _deep(opening: str, closing: str, depth: int = 40_000) -> Callable[[], bytes]:
    return lambda: (OK + "evidence: " + opening * depth + closing * depth + "\n").encode()


LARGE: dict[str, Callable[[], bytes]] = {
    "depth-yaml-40000.yaml": _deep("[", "]"),
    "depth-yaml-mappings-40000.yaml": _deep("{a: ", "}"),
    "depth-json-40000.json": lambda: (
        '{"target_role": "head-of-product", "evidence": ' + "[" * 40_000 + "]" * 40_000 + "}"
    ).encode(),
    "depth-block-40000.yaml": lambda: (OK + "evidence:\n  " + "- " * 40_000 + "x\n").encode(),
    "count-20000-bad-ratings.json": lambda: (
        '{"target_role": "head-of-product", "ratings": {' + ", ".join(f'"s{i}": "x"' for i in range(20_000)) + "}}"
    ).encode(),
    "count-100000-aliases.yaml": lambda: ("x: &x 1\n" + OK + "evidence: [" + "*x, " * 100_000 + "*x]\n").encode(),
    "count-100000-list-items.yaml": lambda: (OK + "evidence: [" + "1, " * 100_000 + "1]\n").encode(),
    "size-over-the-cap.yaml": lambda: (OK + "# " + "x" * (1024 * 1024) + "\n").encode(),
    "size-one-huge-line.yaml": lambda: (OK + 'name: "' + "A" * 1_000_000 + '"\n').encode(),
    "num-400000-digits.yaml": lambda: (OK + "ratings:\n  discovery: " + "9" * 400_000 + "\n").encode(),
}


@pytest.mark.parametrize("name", sorted(LARGE))
def test_large_hostile_answers_file_in_a_subprocess(name: str, tmp_path: Path) -> None:
    (tmp_path / name).write_bytes(LARGE[name]())
    code, out, err = run_slow(["assess", "--answers", name], tmp_path)
    assert_refused(code, out, err, name)


def test_a_file_nested_40000_levels_is_refused_where_it_went_too_deep(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_bytes(LARGE["depth-json-40000.json"]())
    code, _, err = run_slow(["assess", "--answers", "deep.json"], tmp_path)
    assert code == 2
    assert err == "deep.json:1:79: nested more than 32 levels deep; pmladder files need a handful\n"


def test_70000_duplicates_are_one_line_with_a_count(tmp_path: Path) -> None:
    (tmp_path / "dups.yaml").write_text(OK + "ratings:\n" + "  a: 1\n" * 70_001)
    code, out, err = run_slow(["assess", "--answers", "dups.yaml"], tmp_path)
    assert_refused(code, out, err, "dups.yaml")
    assert err == "dups.yaml:4:3: duplicate key 'a' (first at line 3) (and 69,999 more like it)\n"


def test_70000_unknown_keys_are_20_lines_then_a_count(tmp_path: Path) -> None:
    (tmp_path / "many.yaml").write_text(OK + "ratings:\n" + "".join(f"  k{i}: 1\n" for i in range(70_000)))
    code, out, err = run_slow(["assess", "--answers", "many.yaml"], tmp_path)
    lines = assert_refused(code, out, err, "many.yaml")
    assert len(lines) == 21
    assert lines[0] == "many.yaml:3:3: ratings: unknown skill 'k0'"
    assert lines[-1] == "many.yaml: … and 69,980 more"


def _special(kind: str, path: Path) -> None:
    if kind == "fifo":
        os.mkfifo(path)  # nobody writes to it: opening must not wait
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")  # endless: never read past the cap
    elif kind == "dev-urandom":
        path.symlink_to("/dev/urandom")
    elif kind == "dev-null":
        path.symlink_to(os.devnull)
    elif kind == "folder":
        path.mkdir()
    elif kind == "dangling-link":
        path.symlink_to(path.parent / "nowhere.yaml")
    elif kind == "link-loop":
        path.symlink_to(path)
    elif kind == "sparse-4gib":
        with path.open("wb") as handle:
            handle.truncate(4 * 1024**3)  # refused from its size, before any byte is read
    elif kind == "no-read-permission":
        path.write_text(OK)
        path.chmod(0)
    else:
        raise AssertionError(kind)


SPECIAL = [
    "fifo",
    "dev-zero",
    "dev-urandom",
    "dev-null",
    "folder",
    "dangling-link",
    "link-loop",
    "sparse-4gib",
    # a file without read permission would belong here, but CI runs as root, which reads any file
]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
@pytest.mark.parametrize("kind", SPECIAL)
def test_special_file_as_answers_in_a_subprocess(kind: str, tmp_path: Path) -> None:
    _special(kind, tmp_path / "a.yaml")
    code, out, err = run_slow(["assess", "--answers", "a.yaml"], tmp_path)
    assert_refused(code, out, err, "a.yaml")


@pytest.mark.parametrize(
    "name", ["evil\x1b[2J\x1b]0;title\x07.yaml", "\u202egnp.yaml", "tab\there.yaml", "c1\x9b.yaml"]
)
def test_a_file_name_with_control_characters_is_shown_escaped(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / name).write_text("target_role: nope\n")
    monkeypatch.chdir(tmp_path)
    result = run(["assess", "--answers", name])
    lines = assert_refused(result.exit_code, result.stdout, result.stderr, name)
    assert len(lines) == 1 and lines[0].startswith(f"{visible(name)}:1:14: unknown role 'nope'")
    code, out, err = run_slow(["assess", "--answers", name], tmp_path)
    assert (code, out, err) == (2, "", result.stderr)


def test_the_same_name_raw_in_a_cohort_is_escaped_too(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "\x1b[31mred.yaml").write_text("target_role: [\n")
    code, out, err = run_slow(["cohort", "c"], tmp_path)
    assert_refused(code, out, err, f"c{os.sep}\x1b[31mred.yaml")
    assert "\\x1b[31mred.yaml" in err


# --- the knowledge base ------------------------------------------------------------------------


def edit(path: Path, pattern: str, replacement: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, lambda _: replacement, text, count=count)
    assert changed != text, f"{pattern!r} not found in {path.name}"
    path.write_text(changed, encoding="utf-8")


def roles(edit_args: tuple[str, str]) -> Callable[[Path], None]:
    return lambda kb: edit(kb / "roles.yaml", *edit_args)


def skills(edit_args: tuple[str, str]) -> Callable[[Path], None]:
    return lambda kb: edit(kb / "skills.yaml", *edit_args)


def write(name: str, data: bytes) -> Callable[[Path], None]:
    def apply(kb: Path) -> None:
        (kb / name).write_bytes(data)

    return apply


def _utf16(kb: Path) -> None:
    text = (kb / "roles.yaml").read_text(encoding="utf-8")
    (kb / "roles.yaml").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))


def _latin1(kb: Path) -> None:
    (kb / "skills.yaml").write_bytes((kb / "skills.yaml").read_bytes() + "# café\n".encode("latin-1"))


def append(name: str, text: str) -> Callable[[Path], None]:
    def apply(kb: Path) -> None:
        with (kb / name).open("a", encoding="utf-8") as handle:
            handle.write(text)

    return apply


def replace_file(name: str, kind: str) -> Callable[[Path], None]:
    def apply(kb: Path) -> None:
        (kb / name).unlink()
        _special(kind, kb / name)

    return apply


def _after_first_name(kb: Path, extra: str) -> None:
    text = (kb / "roles.yaml").read_text(encoding="utf-8")
    start = text.index("\n    name: ") + 1
    end = text.index("\n", start) + 1
    (kb / "roles.yaml").write_text(text[:end] + extra + text[end:], encoding="utf-8")


def after_first_name(extra: Callable[[], str]) -> Callable[[Path], None]:
    return lambda kb: _after_first_name(kb, extra())


KB_CASES: dict[str, Callable[[Path], None]] = {
    # values: booleans are not levels, text and floats are not numbers, reversed ranges
    "level-true": roles((r"level: \d", "level: true")),
    "level-text": roles((r"level: \d", 'level: "3"')),
    "level-float": roles((r"level: \d", "level: 3.0")),
    "level-huge-int": roles((r"level: \d", "level: " + "9" * 5000)),
    "level-hex": roles((r"level: \d", "level: 0x3")),
    "weight-zero": roles((r"weight: \d", "weight: 0")),
    "rank-true": roles((r"rank: \d+", "rank: true")),
    "rank-octal": roles((r"rank: \d+", "rank: 010")),
    "years-reversed": roles((r"years: \{min: \d+, max: \d+", "years: {min: 15, max: 2")),
    "years-text": roles((r"years: \{[^}]*\}", "years: 2-4")),
    "effort-sexagesimal": skills((r"effort_hours: \d+", "effort_hours: 1:30")),
    "median-infinite": roles((r"median: \d+", "median: .inf")),
    "currency-lowercase": roles((r"currency: [A-Z]{3}", "currency: gbp")),
    "track-typo": roles((r"track: manager", "track: managr")),
    # ids that echo into messages
    "id-with-spaces": roles((r"- id: [a-z-]+", "- id: Product Roadmap")),
    "id-with-ansi": roles((r"- id: [a-z-]+", '- id: "\\e[2J\\e]0;owned\\a"')),
    "id-with-bidi": skills((r"- id: [a-z-]+\n    name", '- id: "disc\\u202eyrevo"\n    name')),
    "next-role-unknown-with-c1": roles((r"next_roles: \[[a-z-]+", 'next_roles: ["\\x9bvp"')),
    # keys and structure
    "duplicate-key": after_first_name(lambda: "    name: Again\n"),
    "unknown-key": after_first_name(lambda: "    nmae: Typo\n"),
    "date-key": after_first_name(lambda: "    2001-01-01: x\n"),
    "nan-keys": after_first_name(lambda: "    .nan: 1\n    .nan: 2\n"),
    "binary-key": roles((r"\{skill: ", "{!!binary c2tpbGw=: ")),
    "python-tag": roles((r"summary: ", "summary: !!python/object/apply:os.system ")),
    "local-tag": roles((r"scope: ", "scope: !include ")),
    "alias": skills((r"label: (\w+)", "label: &l \\1\n    extra: *l")),
    "merge-key": after_first_name(lambda: "    <<: {rank: 1}\n"),
    "scale-too-short": skills((r"(?m)^scale:", "scale: [1, 2]\nold_scale:")),
    "levels-six": skills((r"(?m)^    levels:\n", '    levels:\n      - "An extra level"\n')),
    "two-documents": append("roles.yaml", "---\nversion: again\n"),
    "tab-indent": roles((r"\n    name: ", "\n\tname: ")),
    "top-level-list": write("roles.yaml", b"- one\n- two\n"),
    # files: encodings, sizes, special files
    "empty-roles": write("roles.yaml", b""),
    "utf16-roles": _utf16,
    "latin1-skills": _latin1,
    "nul-in-roles": write("roles.yaml", b"version: x\x00\n"),
    "over-the-cap": append("roles.yaml", "# " + "x" * (1024 * 1024) + "\n"),
    "missing-skills": lambda kb: (kb / "skills.yaml").unlink(),
    "roles-is-a-folder": replace_file("roles.yaml", "folder"),
}

SLOW_KB_CASES: dict[str, Callable[[Path], None]] = {
    "deep-40000-roles": after_first_name(lambda: "    deep: " + "[" * 40_000 + "]" * 40_000 + "\n"),
    "deep-40000-skills": skills((r"(?m)^version:", "deep: " + "{a: " * 40_000 + "}" * 40_000 + "\nversion:")),
    "keys-60000-in-a-role": after_first_name(lambda: "".join(f"    k{i}: 1\n" for i in range(60_000))),
    "duplicates-70000-in-skills": skills((r"(?m)^    name: ", "    name: x\n" * 70_000 + "    name: ")),
    "roles-links-to-dev-zero": replace_file("roles.yaml", "dev-zero"),
    "roles-is-a-fifo": replace_file("roles.yaml", "fifo"),
    "roles-is-4gib-sparse": replace_file("roles.yaml", "sparse-4gib"),
}

KB_NAMES = ("kb", f"kb{os.sep}roles.yaml", f"kb{os.sep}skills.yaml")


def test_there_are_at_least_30_knowledge_base_mutations() -> None:
    assert len(KB_CASES) + len(SLOW_KB_CASES) >= 30


@pytest.mark.parametrize("case", sorted(KB_CASES))
def test_hostile_knowledge_base(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(bundled_kb_dir(), kb)
    KB_CASES[case](kb)
    monkeypatch.chdir(tmp_path)
    result = run(["--kb", "kb", "roles", "--format", "json"])  # the cached path; `kb validate` reads alike
    assert_refused(result.exit_code, result.stdout, result.stderr, *KB_NAMES)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
@pytest.mark.parametrize("case", sorted(SLOW_KB_CASES))
def test_hostile_knowledge_base_in_a_subprocess(case: str, tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(bundled_kb_dir(), kb)
    SLOW_KB_CASES[case](kb)
    code, out, err = run_slow(["--kb", "kb", "roles", "--format", "json"], tmp_path)
    assert_refused(code, out, err, *KB_NAMES)


def test_booleans_are_not_levels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(bundled_kb_dir(), kb)
    KB_CASES["level-true"](kb)
    monkeypatch.chdir(tmp_path)
    (line,) = assert_refused(*_validate(), *KB_NAMES)
    assert line.endswith(".level: expected a whole number from 1 to 5, got the value true"), line


def test_years_min_above_max_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(bundled_kb_dir(), kb)
    KB_CASES["years-reversed"](kb)
    monkeypatch.chdir(tmp_path)
    (line,) = assert_refused(*_validate(), *KB_NAMES)
    assert line.endswith(".years: min (15) is more than max (2); write the smaller number as min"), line


def test_a_text_where_a_mapping_belongs_says_what_shape_is_expected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(bundled_kb_dir(), kb)
    KB_CASES["years-text"](kb)
    monkeypatch.chdir(tmp_path)
    (line,) = assert_refused(*_validate(), *KB_NAMES)
    assert line.endswith(".years: expected a mapping like {min: 2, max: 4}, got the text '2-4'"), line


def test_an_id_with_spaces_gets_an_example_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(bundled_kb_dir(), kb)
    KB_CASES["id-with-spaces"](kb)
    monkeypatch.chdir(tmp_path)
    lines = assert_refused(*_validate(), *KB_NAMES)
    expected = "roles #1: id 'Product Roadmap': use lowercase words joined by hyphens, e.g. 'product-roadmap'"
    assert any(line.endswith(expected) for line in lines), lines


def test_a_binary_key_can_no_longer_duplicate_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.yaml"
    shutil.copy(HOSTILE / "answers" / "tag-binary-key-duplicate.yaml", path)
    monkeypatch.chdir(tmp_path)
    result = run(["assess", "--answers", "a.yaml"])
    assert result.stderr == (
        "a.yaml:4:3: invalid value 'ZGVsaXZlcnk=': YAML tags such as '!!binary' are not allowed;"
        " write the value plainly\n"
    )


def _validate() -> tuple[int, str, str]:
    result = run(["kb", "validate", "kb"])
    return result.exit_code, result.stdout, result.stderr


def test_the_knowledge_base_reader_stops_at_the_cap(tmp_path: Path) -> None:
    """A roles.yaml linked to /dev/zero is refused after cap+1 bytes: at once, not after filling memory."""
    kb = tmp_path / "kb"
    shutil.copytree(bundled_kb_dir(), kb)
    replace_file("roles.yaml", "dev-zero")(kb)
    code, out, err = run_slow(["--kb", "kb", "roles"], tmp_path)
    assert (code, out) == (2, "")
    assert err == f"kb{os.sep}roles.yaml:1: file is larger than 1024 KiB; refusing to read it\n"
    assert stat.S_ISCHR((kb / "roles.yaml").stat().st_mode)
