"""Drafts that cannot be lost: one file per questionnaire, per knowledge base, locked while in use.

The CLI runs in-process with a `ScriptedPrompter` in place of the terminal, so each test says
which questions it answers and where it stops, without keystrokes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import Result

from conftest import SMALL_KB, run
from pmladder.assessment.answers import Answers
from pmladder.assessment.drafts import (
    DraftInUse,
    OpenDraft,
    Progress,
    discard_draft,
    dump_draft,
    kb_drafts_dir,
    kb_key,
    list_drafts,
    new_draft,
    open_draft,
    read_draft,
)
from pmladder.cli import interview
from pmladder.cli.interview import DISCARD, NEW, SCORE
from pmladder.cli.questions import ENTER, Interrupted, Question, ScriptedPrompter, Step
from pmladder.io.paths import bundled_kb_dir
from pmladder.knowledge.base import KnowledgeBase

FINISH_LEAD: list[Step] = ["", "junior", ENTER, 1, 1, 1, 1, SCORE]  # small KB: Lead PM, every rating 1 (no evidence)

Script = Callable[..., ScriptedPrompter]


@pytest.fixture
def script(monkeypatch: pytest.MonkeyPatch) -> Script:
    """Answer the next questionnaire from a script instead of a terminal."""

    def install(*steps: Step, function: Callable[[Question], Step] | None = None) -> ScriptedPrompter:
        prompter = ScriptedPrompter(function if function is not None else list(steps))
        monkeypatch.setattr(interview, "terminal_prompter", lambda: prompter)
        return prompter

    return install


def small(*args: str) -> Result:
    return run(["--kb", str(SMALL_KB), "assess", *args])


def drafts(home: Path) -> list[Path]:
    return sorted((home / "drafts").rglob("*.yaml"))


@pytest.fixture
def held(small_kb: KnowledgeBase) -> Iterator[Callable[[Progress], OpenDraft]]:
    """Drafts opened as another live questionnaire would hold them (closed after the test)."""
    opened: list[OpenDraft] = []

    def hold(progress: Progress) -> OpenDraft:
        draft = new_draft(small_kb, SMALL_KB, progress)
        opened.append(draft)
        return draft

    yield hold
    for draft in opened:
        draft.close()


def ada(**ratings: int) -> Progress:
    return Progress(Answers(name="Ada", target_role="lead", ratings=ratings), frozenset({"name", "current_role"}))


# -- the layout ----------------------------------------------------------------------------------


def test_two_knowledge_bases_keep_their_drafts_apart(
    script: Script, kb: KnowledgeBase, small_kb: KnowledgeBase, pmladder_home: Path
) -> None:
    script("Ada", Interrupted())
    bundled = run(["assess"])
    assert bundled.exit_code == 130
    script("Bo", Interrupted())
    other = small()
    assert other.exit_code == 130

    (mine,) = list_drafts(kb, bundled_kb_dir())
    (theirs,) = list_drafts(small_kb, SMALL_KB)
    assert mine.path.parent == pmladder_home / "drafts" / "bundled"
    assert theirs.path.parent == pmladder_home / "drafts" / kb_key(SMALL_KB)
    assert kb_key(SMALL_KB).startswith("small-")
    assert mine.progress and mine.progress.answers.name == "Ada"
    assert theirs.progress and theirs.progress.answers.name == "Bo"
    assert bundled.stderr.endswith(
        f"Interrupted. Your answers so far are kept in {mine.path}\nResume with: pmladder assess --resume\n"
    )
    assert other.stderr.endswith(f"Resume with: pmladder --kb {SMALL_KB.resolve()} assess --resume\n")
    text = theirs.path.read_text()
    assert f"# Knowledge base: {SMALL_KB.resolve()} (version test-1)" in text
    assert f"resume with: pmladder --kb {SMALL_KB.resolve()} assess --resume" in text

    # each resumes alone: no choice offered, the answered name is not asked again
    resumed = script(Interrupted())
    assert small("--resume").exit_code == 130
    assert [q.name for q in resumed.asked] == ["current_role"]
    assert len(drafts(pmladder_home)) == 2


def test_new_drafts_get_unique_names_and_are_locked_while_open(small_kb: KnowledgeBase) -> None:
    opened = [new_draft(small_kb, SMALL_KB, ada()) for _ in range(20)]  # within the same second
    assert len({d.path for d in opened}) == 20
    listed = list_drafts(small_kb, SMALL_KB)
    assert len(listed) == 20
    assert {d.holder for d in listed} == {os.getpid()}
    with pytest.raises(DraftInUse, match=f"open in another pmladder questionnaire \\(process {os.getpid()}\\)"):
        open_draft(listed[0], small_kb, SMALL_KB)
    assert not discard_draft(listed[0])
    for draft in opened:
        draft.close()
    listed = list_drafts(small_kb, SMALL_KB)
    assert not any(d.in_use for d in listed)
    with open_draft(listed[0], small_kb, SMALL_KB) as again:
        assert again.progress == ada()
        again.discard()
    assert not again.path.exists() and not again.path.with_suffix(".lock").exists()
    assert len(list_drafts(small_kb, SMALL_KB)) == 19


def test_a_draft_reads_back_exactly(small_kb: KnowledgeBase) -> None:
    progress = Progress(
        Answers(name="Ada", target_role="lead", ratings={"writing": 4, "shipping": None}, evidence={"writing": "x"}),
        frozenset({"name", "current_role", "evidence:writing"}),
        {"evidence:mentoring": "half typed"},
        evidence=False,
    )
    with new_draft(small_kb, SMALL_KB, progress) as draft:
        assert read_draft(draft.path, small_kb) == progress
        assert draft.path.read_text() == dump_draft(progress, small_kb, SMALL_KB)


def test_a_new_draft_is_written_at_its_first_answer_and_listed_as_open_before(small_kb: KnowledgeBase) -> None:
    """Created and locked at once (a drafts folder that cannot be written fails before any
    question), but empty until there is something to keep: a role from the command line is not."""
    with new_draft(small_kb, SMALL_KB) as draft:
        assert draft.path.exists() and draft.path.stat().st_size == 0
        draft.save(Progress(Answers(target_role="lead")))  # --role, before the first question
        assert draft.path.stat().st_size == 0
        (listed,) = list_drafts(small_kb, SMALL_KB)
        assert (listed.holder, listed.progress) == (os.getpid(), Progress())
        assert interview.describe(listed, small_kb).startswith("no name yet, no target role yet (saved ")

        draft.save(ada())  # the first answer
        assert read_draft(draft.path, small_kb) == ada()
        draft.save(Progress())  # once written, every save is written
        assert read_draft(draft.path, small_kb) == Progress()


# -- resuming, declining, discarding --------------------------------------------------------------


def test_declining_to_resume_keeps_the_draft_byte_for_byte(script: Script, pmladder_home: Path) -> None:
    script("Ada", "junior", Interrupted())
    assert small().exit_code == 130
    (old,) = drafts(pmladder_home)
    before = old.read_bytes()

    offer = script(NEW, "Bo", "junior", ENTER, 2, Interrupted())
    assert small().exit_code == 130
    question = offer.asked[0]
    assert question.name == "resume" and "Ada, no target role yet" in question.notes[-1].text
    assert len(drafts(pmladder_home)) == 2
    assert old.read_bytes() == before

    script(NEW, Interrupted())  # and once more, stopping at the very first question
    result = small()
    assert result.exit_code == 130
    assert "nothing to keep" in result.stderr
    assert len(drafts(pmladder_home)) == 2
    assert old.read_bytes() == before


def test_the_resume_offer_can_discard_the_draft(script: Script, pmladder_home: Path) -> None:
    script("Ada", Interrupted())
    small()
    script(DISCARD, *FINISH_LEAD)
    assert small().exit_code == 0
    assert drafts(pmladder_home) == []


def test_resume_offers_a_choice_among_several_newest_first(
    script: Script, small_kb: KnowledgeBase, pmladder_home: Path
) -> None:
    for name, age in (("Older", 200), ("Newer", 100)):
        with new_draft(small_kb, SMALL_KB, Progress(Answers(name=name), frozenset({"name"}))) as draft:
            os.utime(draft.path, (draft.path.stat().st_atime, draft.path.stat().st_mtime - age))
    chooser = script(1, Interrupted())  # the second listed: Older
    assert small("--resume").exit_code == 130
    offer = chooser.asked[0]
    assert [o.title.split(",")[0] for o in offer.options] == [
        "Newer",
        "Older",
        "None: start a new one and keep them for later",
    ]
    assert [o.key for o in offer.options] == ["1", "2", "n"]
    assert chooser.asked[1].name == "current_role"  # Older's name was answered
    assert "no target role yet (saved " in offer.options[0].title


def test_a_draft_open_in_another_questionnaire_is_not_offered(
    script: Script, held: Callable[[Progress], OpenDraft]
) -> None:
    held(ada(writing=2))
    script()
    result = small("--resume")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: your unfinished assessment is open in another pmladder questionnaire (process {os.getpid()}); "
        f"finish it there, or start a new one with 'pmladder --kb {SMALL_KB} assess'\n"
    )
    script("Bo", Interrupted())
    assert small().exit_code == 130  # a new questionnaire, no offer: the only draft is busy

    chooser = script(0, Interrupted())  # now Bo's draft is free: offered, the busy one named
    assert small("--resume").exit_code == 130
    offer = chooser.asked[0]
    assert [o.title.split(",")[0] for o in offer.options] == ["Bo", "None: start a new one and keep it for later"]
    assert offer.notes[0].text.startswith(f"Open in another questionnaire (process {os.getpid()}), so not offered: Ada")


def test_a_draft_without_a_target_role_resumes_at_the_target(script: Script, pmladder_home: Path) -> None:
    script("Ada", "junior", Interrupted())  # Ctrl-C while choosing the target role
    assert small().exit_code == 130
    resumed = script(*FINISH_LEAD[2:])
    result = small("--resume", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert resumed.asked[0].name == "target_role"
    assert '"name": "Ada"' in result.stdout
    assert drafts(pmladder_home) == []


def test_the_old_single_draft_without_a_target_is_adopted_not_an_error(script: Script, pmladder_home: Path) -> None:
    legacy = pmladder_home / "drafts" / "assessment.yaml"
    legacy.parent.mkdir(parents=True)
    legacy.write_text("name: Ada\ncurrent_role: junior\nratings: {}\n")
    resumed = script("Ada", "junior", ENTER, 1, 1, 1, 1, SCORE)
    result = small("--resume")
    assert result.exit_code == 0, result.stderr
    assert resumed.asked[0].default == "Ada"
    assert not legacy.exists() and drafts(pmladder_home) == []


def test_an_old_draft_of_another_knowledge_base_is_left_alone(script: Script, pmladder_home: Path) -> None:
    legacy = pmladder_home / "drafts" / "assessment.yaml"
    legacy.parent.mkdir(parents=True)
    legacy.write_text("target_role: head-of-product\nratings: {}\n")  # the bundled KB's role
    script(Interrupted())
    assert small().exit_code == 130
    assert legacy.exists()


def test_a_draft_that_no_longer_fits_warns_and_blocks_nothing(
    script: Script, small_kb: KnowledgeBase, pmladder_home: Path
) -> None:
    folder = kb_drafts_dir(SMALL_KB)
    folder.mkdir(parents=True)
    (folder / "20200101-000000-abcdef.yaml").write_text("target_role: lead\nratings: {gone: 3}\n")
    script(*FINISH_LEAD)
    result = small()
    assert result.exit_code == 0, result.stderr
    path = folder / "20200101-000000-abcdef.yaml"
    assert result.stderr.startswith(
        f"warning: an unfinished assessment cannot be resumed: {path}:2:11: ratings: unknown skill 'gone'\n"
        f"  ('pmladder --kb {SMALL_KB.resolve()} assess --discard' removes it)\n"
    )
    assert small("--discard", "--yes").stderr == "Discarded 1 unfinished assessment.\n"
    assert drafts(pmladder_home) == []


def test_discard_asks_first(script: Script, small_kb: KnowledgeBase, pmladder_home: Path) -> None:
    for name in ("Ada", "Bo"):
        new_draft(small_kb, SMALL_KB, Progress(Answers(name=name), frozenset({"name"}))).close()
    no = script(False)
    result = small("--discard")
    assert result.exit_code == 0
    assert result.stderr == "Nothing was discarded.\n"
    assert no.asked[0].message == "Discard these 2 unfinished assessments? This cannot be undone."
    assert no.asked[0].default is False
    assert len(drafts(pmladder_home)) == 2

    script(Interrupted())
    stopped = small("--discard")
    assert (stopped.exit_code, stopped.stderr) == (130, "\nInterrupted. Nothing was discarded.\n")
    assert len(drafts(pmladder_home)) == 2

    script(True)
    assert small("--discard").stderr == "Discarded 2 unfinished assessments.\n"
    assert drafts(pmladder_home) == []
    assert list((pmladder_home / "drafts").rglob("*.lock")) == []


def test_discard_with_yes_needs_no_terminal_and_keeps_other_drafts(
    kb: KnowledgeBase, small_kb: KnowledgeBase, held: Callable[[Progress], OpenDraft], pmladder_home: Path
) -> None:
    new_draft(kb, bundled_kb_dir(), Progress(Answers(name="Other KB"), frozenset({"name"}))).close()
    new_draft(small_kb, SMALL_KB, ada()).close()
    busy = held(Progress(Answers(name="Busy"), frozenset({"name"})))
    refused = small("--discard")  # the runner's stdin is no terminal
    assert refused.exit_code == 2
    assert refused.stderr == "error: --discard asks first: pass --yes to discard without a terminal\n"
    result = small("--discard", "--yes")
    assert result.exit_code == 0
    assert f"Kept, open in another questionnaire (process {os.getpid()}): Busy" in result.stderr
    assert result.stderr.endswith("Discarded 1 unfinished assessment.\n")
    assert busy.path.exists()
    assert len(list_drafts(kb, bundled_kb_dir())) == 1
    assert small("--discard", "--yes").stderr.startswith("Kept")
    busy.close()
    assert small("--discard", "--yes").stderr == "Discarded 1 unfinished assessment.\n"
    assert small("--discard", "--yes").stderr == "No unfinished assessments to discard.\n"


# -- where the answers go ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "save", "message"),
    [
        (
            lambda tmp: (tmp / "me.yaml").write_text("mine\n"),
            "me.yaml",
            "me.yaml: already exists; pass --force to overwrite it",
        ),
        (lambda tmp: (tmp / "folder").mkdir(), "folder", "folder: is a folder; give a file name"),
        (
            lambda tmp: (tmp / "notes.txt").write_text("x"),
            "notes.txt/me.yaml",
            "notes.txt/me.yaml: cannot be created: notes.txt is a file, not a folder",
        ),
        (lambda tmp: None, "-", "error: --save needs a file: stdout carries the report"),
    ],
    ids=["exists", "folder", "parent-is-a-file", "stdout"],
)
def test_save_is_refused_before_the_first_question(
    make: Callable[[Path], object],
    save: str,
    message: str,
    script: Script,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    make(tmp_path)
    prompter = script()  # any question would run the empty script out
    result = small("--save", save)
    assert result.exit_code == 2
    assert result.stderr == f"{message}\n"
    assert prompter.asked == []
    if save == "me.yaml":
        assert (tmp_path / "me.yaml").read_text() == "mine\n"


def test_save_refuses_a_draft(script: Script, small_kb: KnowledgeBase) -> None:
    with new_draft(small_kb, SMALL_KB, ada()) as draft:
        before = draft.path.read_bytes()
        script()
        result = small("--resume", "--save", str(draft.path))
        assert result.exit_code == 2
        assert "is in pmladder's drafts folder; --save needs a file of your own" in result.stderr
        assert draft.path.read_bytes() == before


def test_save_is_checked_before_asking_for_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "me.yaml").write_text("mine\n")
    result = small("--save", str(tmp_path / "me.yaml"))
    assert result.exit_code == 2
    assert "already exists" in result.stderr


def test_force_overwrites_and_goes_only_with_save(script: Script, tmp_path: Path) -> None:
    target = tmp_path / "me.yaml"
    target.write_text("mine\n")
    script(*FINISH_LEAD)
    result = small("--save", str(target), "--force")
    assert result.exit_code == 0, result.stderr
    assert yaml.safe_load(target.read_text())["ratings"] == {
        "writing": 1,
        "shipping": 1,
        "mentoring": 1,
        "influence": 1,
    }
    assert small("--force").stderr == "error: --force goes with --save\n"
    assert small("--yes").stderr == "error: --yes goes with --discard\n"
    assert small("--discard", "--resume").stderr == "error: --discard and --resume do not go together\n"


def test_a_save_file_that_appears_meanwhile_is_not_overwritten(
    script: Script, tmp_path: Path, pmladder_home: Path
) -> None:
    target = tmp_path / "me.yaml"
    steps = iter(FINISH_LEAD)

    def answer(question: Question) -> Step:
        if question.name == "summary":
            target.write_text("someone else's\n")
        return next(steps)

    script(function=answer)
    result = small("--save", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_text() == "someone else's\n"
    assert "appeared while you answered; it is left as it is" in result.stderr
    (saved,) = (pmladder_home / "assessments" / kb_key(SMALL_KB)).glob("*.yaml")
    assert f"Answers saved to {saved}" in result.stderr


def test_answers_files_are_never_shared_and_other_drafts_survive(
    script: Script, held: Callable[[Progress], OpenDraft], pmladder_home: Path
) -> None:
    other = held(ada(writing=3))
    before = other.path.read_bytes()
    for _ in range(2):
        script(*FINISH_LEAD)
        assert small().exit_code == 0
    saved = sorted(p.name for p in (pmladder_home / "assessments" / kb_key(SMALL_KB)).glob("*.yaml"))
    assert len(saved) == 2 and saved[1].endswith("-lead.yaml") and saved[0].endswith("-lead-2.yaml")
    assert drafts(pmladder_home) == [other.path]
    assert other.path.read_bytes() == before


def test_a_resumed_questionnaire_keeps_its_evidence_choice(script: Script) -> None:
    script("", "junior", ENTER, 4, Interrupted())
    assert small("--no-evidence").exit_code == 130
    resumed = script(4, 4, 4, SCORE)
    assert small("--resume").exit_code == 0
    assert [q.name for q in resumed.asked] == ["rating:shipping", "rating:mentoring", "rating:influence", "summary"]


def test_drafts_that_hold_nothing_are_cleared_unless_open(
    small_kb: KnowledgeBase, held: Callable[[Progress], OpenDraft], pmladder_home: Path
) -> None:
    folder = kb_drafts_dir(SMALL_KB)
    folder.mkdir(parents=True)
    (folder / "20200101-000000-000000.yaml").write_text("")  # killed between creating and saving
    new_draft(small_kb, SMALL_KB, Progress(Answers(target_role="lead"))).close()  # only --role, nothing answered
    starting = held(Progress())  # a questionnaire that has not had an answer yet
    assert [d.path for d in list_drafts(small_kb, SMALL_KB)] == [starting.path]
    assert drafts(pmladder_home) == [starting.path]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [starting.path.name, starting.path.with_suffix(".lock").name]
    )
