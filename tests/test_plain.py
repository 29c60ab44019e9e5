"""Explore commands print plain aligned text when stdout is not a terminal, Rich when it is: the same content.

The content check renders every explore view both ways and compares their words in order:
Rich at a width where nothing wraps, so a table row is one line in both, and without the
rule Rich draws under a header. The start-up check looks at `sys.modules` in a fresh
interpreter: the plain path must not import Rich at all.
"""

from __future__ import annotations

import ast
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import FIXTURES, SMALL_KB, run
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.ladder import career_path
from pmladder.knowledge.load import load_knowledge_base
from pmladder.knowledge.views import LadderView, PathView, RoleView, SkillsView, SkillView
from pmladder.reports import plain, terminal

View = LadderView | RoleView | SkillsView | SkillView | PathView


def views(kb: KnowledgeBase) -> Iterator[View]:
    yield LadderView(kb)
    yield SkillsView(kb)
    for role in kb.roles:
        yield RoleView(kb, role, tuple(kb.salaries(role)))
        for figure in kb.salaries(role)[:1]:
            yield RoleView(kb, role, (figure,))  # --city
    for skill in kb.skills:
        yield SkillView(kb, skill)
    first, last = kb.roles[0], kb.roles[-1]
    for start, end in ((first, last), (first, first), (kb.roles[1], kb.roles[2])):
        yield PathView(kb, start, end, tuple(career_path(kb, start.id, end.id)))


def rich_words(view: View) -> list[str]:
    from rich.console import Console

    from pmladder.reports.shown import Shown

    buffer = io.StringIO()
    console = Console(file=buffer, width=20_000, no_color=True, highlight=False, markup=False)
    console.print(Shown(getattr(terminal, view.view)(view)))
    return [word for word in buffer.getvalue().split() if set(word) != {"─"}]


def plain_text(view: View) -> str:
    text = getattr(plain, view.view)(view)
    assert isinstance(text, str)
    return text


@pytest.mark.parametrize("folder", [None, SMALL_KB, FIXTURES / "four-levels"], ids=["bundled", "small", "four-levels"])
def test_plain_text_has_the_words_of_the_rich_output_in_the_same_order(folder: Path | None, kb: KnowledgeBase) -> None:
    chosen = kb if folder is None else load_knowledge_base(folder)
    checked = 0
    for view in views(chosen):
        assert plain_text(view).split() == rich_words(view), f"{view.view} differs"
        checked += 1
    assert checked > 10


def test_plain_tables_are_aligned_one_row_a_line_without_trailing_spaces(kb: KnowledgeBase) -> None:
    text = plain_text(LadderView(kb))
    lines = text.splitlines()
    assert lines[0] == kb.name
    header, rows = lines[1], lines[2 : 2 + len(kb.roles)]
    for column in ("Role", "Id", "Track", "Years"):
        at = header.index(column)
        assert all(row[at - 2 : at] == "  " and row[at] != " " for row in rows), column
    assert rows[0].split()[0] == "1" and header.startswith("Rank")
    assert all(line == line.rstrip() for line in lines)
    assert text.endswith("roles show ID · pmladder path FROM TO\n")
    skills = plain_text(SkillsView(kb)).splitlines()
    assert len(skills) == 1 + len(kb.categories) + len(kb.skills) + 1  # long definitions are never wrapped


def test_wide_characters_take_two_columns() -> None:
    assert plain.width("abc") == 3
    assert plain.width("美咲") == 4
    assert plain.width("é") == 1 and plain.width("e\u0301") == 1
    table = plain.Table("Name", "Next")
    table.add_row("美咲", "x")
    table.add_row("Ada", "y")
    columns = [plain.width(line[: line.index(ch)]) for line, ch in zip(table.lines()[1:], "xy", strict=True)]
    assert columns == [6, 6]  # the second column starts at the same place on screen


def test_a_pipe_and_a_file_get_plain_text_the_same_bytes(tmp_path: Path) -> None:
    for args in (["roles"], ["skills", "show", "writing"], ["roles", "show", "lead"], ["path", "junior", "chief"]):
        piped = run(["--kb", str(SMALL_KB), *args])
        assert piped.exit_code == 0, piped.stderr
        assert "─" not in piped.stdout and "╭" not in piped.stdout
        target = tmp_path / "out.txt"
        written = run(["--kb", str(SMALL_KB), *args, "-o", str(target)])
        assert written.exit_code == 0
        assert target.read_bytes() == piped.stdout_bytes


def test_a_terminal_gets_rich(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from pmladder.cli import common

    kb = load_knowledge_base(SMALL_KB)
    monkeypatch.setattr(common, "to_terminal", lambda output: True)
    common.show(LadderView(kb), None, None)
    assert "─" in capsys.readouterr().out  # the rule under Rich's header


EXPLORE = [
    ["roles"],
    ["skills"],
    ["roles", "show", "head-of-product"],
    ["skills", "show", "product-strategy"],
    ["path", "associate-product-manager", "head-of-product"],
]


@pytest.mark.parametrize("args", EXPLORE, ids=" ".join)
def test_piped_explore_commands_never_import_rich(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from pmladder.cli.entry import main\n"
        f"sys.argv = ['pmladder', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert exc.code in (0, None), exc.code\n"
        "sys.stderr.write(repr(sorted({m.split('.')[0] for m in sys.modules} & {'rich'})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip(), "nothing was printed"
    assert ast.literal_eval(done.stderr.strip().splitlines()[-1]) == []
