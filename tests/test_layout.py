"""The questionnaire on a screen: wrapped at words at every width, the skill and its choices in view.

The layout is pure (`pmladder.cli.layout`), so most of this is checked as functions of a width
and a height, for every rating question of the bundled Head of Product. The last tests run the
installed `pmladder assess` in a pseudo-terminal of 80x24 and read the screen back through a
terminal emulator (pyte), as a person would see it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pyte
import pytest

from pmladder.assessment.answers import Answers
from pmladder.assessment.drafts import Progress
from pmladder.cli import layout
from pmladder.cli.interview import BACK, SCORE, Questionnaire
from pmladder.cli.layout import answered_lines, cells, fit, plain, select_screen, wrap, wrap_styled
from pmladder.cli.questions import Kind, Option, Question, ScriptedPrompter, Step, select
from pmladder.knowledge.base import KnowledgeBase

WIDTHS = (60, 80, 120)
PMLADDER = str(Path(sys.executable).with_name("pmladder"))


def rating_questions(kb: KnowledgeBase, role: str = "head-of-product") -> list[Question]:
    """Every rating question the questionnaire asks for `role`, as asked (with Back from the second on)."""

    def answer(question: Question) -> Step:
        if question.name == "summary":
            return SCORE
        return "" if question.kind is Kind.TEXT else 2

    prompter = ScriptedPrompter(answer)
    answers = Answers(target_role=role)
    Questionnaire(kb, Progress(answers, frozenset({"name", "current_role", "city"}), evidence=False), prompter).run()
    return [q for q in prompter.asked if q.name.startswith("rating:")]


def words(lines: list[str]) -> list[str]:
    return " ".join(lines).split()


def top(screen: layout.Screen) -> str:
    """The first line of a screen with something on it."""
    return next(plain(line) for line in screen.header if line)


# -- wrapping ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_every_text_of_a_rating_wraps_at_words_within_the_width(kb: KnowledgeBase, width: int) -> None:
    for question in rating_questions(kb):
        texts = [question.detail or "", question.heading or "", *(o.title for o in question.options)]
        for text in texts:
            lines = wrap(text, width, hang="      ")
            assert max(cells(line) for line in lines) <= width, (question.name, lines)
            assert words(lines) == text.split(), (question.name, lines)  # no word split, none lost


def test_wrap_keeps_words_whole_and_splits_only_a_word_wider_than_the_line() -> None:
    assert wrap("settles conflicting requirements and clears blockers.", 20) == [
        "settles conflicting",
        "requirements and",
        "clears blockers.",
    ]
    assert wrap("one\ntwo three", 40) == ["one", "two three"]
    assert wrap("x" * 25, 20) == ["x" * 20, "x" * 5]  # the only case a word is split
    assert wrap("a b", 20, hang="  ") == ["a b"]


def test_a_printed_line_keeps_its_columns_when_it_fits_and_its_indent_when_wrapped() -> None:
    assert fit("  Product strategy                 3 Independent", 60) == [
        "  Product strategy                 3 Independent"
    ]
    assert fit("  one two three four five six", 20) == ["  one two three four", "  five six"]
    assert fit("", 60) == [""]


def test_wide_characters_count_two_columns() -> None:
    assert cells("日本") == 4 and cells("e\u0301") == 1
    assert all(cells(line) <= 20 for line in wrap("日本語 " * 10, 20))


def test_styled_words_stay_one_span_and_keep_their_lead() -> None:
    (line,) = wrap_styled([("question", "Which fits you best?")], 60, lead=[("pointer", " » ")])
    assert line == (("pointer", " » "), ("question", "Which fits you best?"))


# -- the rating screen --------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_no_screen_line_is_wider_than_the_terminal_nor_splits_a_word(kb: KnowledgeBase, width: int) -> None:
    for question in rating_questions(kb):
        for pointed in (0, 4):
            screen = select_screen(question, pointed, width, 24)
            lines = [plain(line) for line in screen.lines]
            assert max(cells(line) for line in lines) <= width - layout.MARGIN
            shown = " ".join(lines)
            for option in question.options:  # every descriptor whole, in order, whatever the wrapping
                assert " ".join(option.title.split()) in " ".join(shown.split())


def test_at_80x24_a_rating_shows_skill_progress_definition_and_every_choice(kb: KnowledgeBase) -> None:
    questions = rating_questions(kb)
    assert len(questions) == 25
    for question in questions:
        screen = select_screen(question, 0, 80, 24)
        assert screen.full, question.name
        assert screen.header[0] == ()  # a blank line sets it apart from the answers above
        first = top(screen)
        assert first.startswith(question.heading or "") and first.endswith(question.progress or "")
        assert " ".join(question.detail.split()) in " ".join(plain(line) for line in screen.header)  # type: ignore[union-attr]
        assert plain(screen.header[-1]).startswith("? Which fits you best?")
        labels = [plain(line).strip(" »") for line in screen.choices]
        for option in question.options:
            assert any(label.startswith(f"{option.key}) ") for label in labels)


@pytest.mark.parametrize(("width", "height"), [(60, 20), (60, 24), (120, 40)])
def test_the_skill_name_is_always_in_view(kb: KnowledgeBase, width: int, height: int) -> None:
    for question in rating_questions(kb):
        screen = select_screen(question, 0, width, height)
        assert screen.full  # the bundled ladder fits every one of these sizes without scrolling
        assert top(screen).startswith(question.heading or "?")


def test_when_nothing_fits_the_heading_moves_into_the_pinned_question_line(kb: KnowledgeBase) -> None:
    question = rating_questions(kb)[1]
    screen = select_screen(question, 5, 60, 10)
    assert not screen.full
    assert screen.header == tuple(screen.header[:1])  # one line, which does not scroll
    line = plain(screen.header[0])
    assert line.startswith(f"? {question.heading} · ") and "Which fits you best?" in line
    assert plain(screen.choices[screen.cursor]).startswith(" » n) ")  # the pointer's line is the one kept in view


def test_the_blank_line_goes_first_then_the_definition_never_the_skill_name(kb: KnowledgeBase) -> None:
    question = max(rating_questions(kb), key=lambda q: len(select_screen(q, 0, 60, 99).lines))
    needed = len(select_screen(question, 0, 60, 99).lines)
    no_blank = select_screen(question, 0, 60, needed - 1)
    assert (
        no_blank.full
        and no_blank.header[0] != ()
        and len(no_blank.header) == len(no_blank.lines) - len(no_blank.choices)
    )
    assert " ".join((question.detail or "?").split()[:3]) in plain(no_blank.header[1])
    no_definition = select_screen(question, 0, 60, needed - 3)
    assert no_definition.full
    assert plain(no_definition.header[0]).startswith(question.heading or "?")
    assert len(no_definition.header) == 2  # heading line and question line


def test_a_long_progress_label_is_shortened_to_its_last_part() -> None:
    question = select(
        "rating:x",
        "Which fits you best?",
        [Option("Aware: knows it", 1, "1")],
        heading="Market research and competitive analysis",
        progress="Strategy and business 3/5 · 11 of 18",
    )
    line = top(select_screen(question, 0, 60, 24))
    assert line.startswith("Market research and competitive analysis") and line.endswith("11 of 18")
    assert "Strategy" not in line


def test_an_answer_is_echoed_short_and_whole(kb: KnowledgeBase) -> None:
    question = rating_questions(kb)[0]
    chosen = question.options[2]
    assert [plain(line) for line in answered_lines(question, chosen, 80)] == [
        f"? {question.heading}: 3 {chosen.title.split(':')[0]}"
    ]
    long = select("role", "Your current role:", [Option("A very long option " * 8, "x")])
    echo = [plain(line) for line in answered_lines(long, long.options[0], 60)]
    assert max(cells(line) for line in echo) < 60
    assert words(echo)[-8 * 4 :] == ("A very long option " * 8).split()  # no word dropped


def test_back_is_shown_whole_and_echoed_short(kb: KnowledgeBase) -> None:
    second = rating_questions(kb)[1]
    assert second.options[-1] == Option("Back to the previous question", BACK, "b", "back")


# -- in a real terminal -------------------------------------------------------------------------------


class Terminal:
    """The installed pmladder in a pseudo-terminal, its output fed to a pyte screen of the same size."""

    def __init__(self, args: list[str], home: Path, rows: int, columns: int) -> None:
        env = {**os.environ, "PMLADDER_HOME": str(home), "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
        env.pop("PMLADDER_KB", None)
        env.pop("NO_COLOR", None)
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.Stream(self.screen)
        self.child = pexpect.spawn(PMLADDER, args, env=env, encoding="utf-8", timeout=20, dimensions=(rows, columns))

    def settle(self) -> list[str]:
        """Read until the program has been quiet for a moment; the screen's lines."""
        while True:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.5))
            except pexpect.TIMEOUT:
                return [line.rstrip() for line in self.screen.display]

    def wait_for(self, text: str) -> list[str]:
        for _ in range(40):
            lines = self.settle()
            if text in "\n".join(lines):
                return lines
        raise AssertionError(f"{text!r} never appeared:\n" + "\n".join(self.settle()))

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def close(self) -> None:
        self.child.close(force=True)


@pytest.fixture
def terminal() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for t in opened:
        t.close()


def test_at_80x24_the_screen_shows_the_skill_and_every_choice_at_once(
    kb: KnowledgeBase, tmp_path: Path, terminal: list[Terminal]
) -> None:
    term = Terminal(["assess", "--role", "head-of-product"], tmp_path, 24, 80)
    terminal.append(term)
    first = term.wait_for("Your name")
    estimate = Questionnaire(kb, Progress(), ScriptedPrompter([]), role="head-of-product").estimate(
        kb.role("head-of-product")
    )
    assert any(f"Head of Product: 53 questions, about {estimate.minutes} minutes" in line for line in first)
    term.send("Ada\r")
    term.wait_for("current role")
    term.send("\r")
    term.wait_for("salary")
    term.send("\r")
    questions = rating_questions(kb)
    for n, question in enumerate(questions[:3]):
        lines = term.wait_for(f"{n + 1} of 25")
        screen = "\n".join(lines)
        assert (question.heading or "?") in screen and "Which fits you best?" in screen
        assert question.detail is not None and question.detail.split()[-1] in screen
        for option in question.options:
            assert f"{option.key}) {option.title.split()[0]}" in screen, (option, screen)
        assert max(len(line) for line in lines) <= 80
        if n == 1:  # the screen at 80x24, for whoever reads the test log
            print("\n".join(lines))
        term.send("2\r")
    lines = term.wait_for("4 of 25")
    assert any(line.startswith(f"? {questions[2].heading}: 2 Guided") for line in lines)  # the echo, short and whole


def test_a_resize_rewraps_the_question(kb: KnowledgeBase, tmp_path: Path, terminal: list[Terminal]) -> None:
    term = Terminal(["assess", "--role", "head-of-product", "--no-evidence"], tmp_path, 24, 80)
    terminal.append(term)
    term.wait_for("Your name")
    term.send("\r")
    term.wait_for("current role")
    term.send("\r")
    term.wait_for("salary")
    term.send("\r")
    term.wait_for("1 of 25")
    term.screen.resize(30, 60)
    term.child.setwinsize(30, 60)
    question = rating_questions(kb)[0]
    lines = term.wait_for(question.options[4].title.split()[-1])
    tail = lines[[n for n, line in enumerate(lines) if line.startswith(question.heading or "")][-1] :]
    assert max(len(line) for line in tail) <= 60
    joined = " ".join(" ".join(tail).split())
    for option in question.options:
        assert " ".join(option.title.split()) in joined  # every descriptor whole at the new width
