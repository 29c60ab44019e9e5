"""The questionnaire's flow, driven by a script of answers; and by keys through the terminal prompter.

The flow tests use `ScriptedPrompter`: no terminal and no keystrokes, only the questions asked
(by name) and the answers given. The key tests drive questionary through prompt_toolkit's pipe
input inside the CLI runner, so the mapping of questions to prompts is covered as well.

Small fixture: current role 'junior' leads to 'lead', whose questions come in report order:
writing, shipping (Craft), mentoring, influence (People). Only 'chief' has salary figures.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
import yaml
from prompt_toolkit.application import create_app_session
from prompt_toolkit.application.current import get_app
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import Result

from conftest import SMALL_KB, run
from pmladder.assessment.answers import Answers
from pmladder.assessment.drafts import Progress, kb_key
from pmladder.cli import questions
from pmladder.cli.interview import BACK, CHANGE, SCORE, SKIP, UNSURE, Questionnaire
from pmladder.cli.questionnaire import TerminalPrompter
from pmladder.cli.questions import ENTER, IdlePrompter, Interrupted, Kind, Option, Question, ScriptedPrompter, Step
from pmladder.knowledge.base import KnowledgeBase

DOWN, RETURN, CTRL_C = "\x1b[B", "\r", "\x03"
PREAMBLE = ["name", "current_role", "target_role"]
LEAD = ["writing", "shipping", "mentoring", "influence"]


# -- the flow, scripted ---------------------------------------------------------------------------


class Run:
    """One questionnaire run from a script: what was asked, what was saved, what came out."""

    def __init__(
        self,
        kb: KnowledgeBase,
        script: Sequence[Step],
        progress: Progress | None = None,
        *,
        role: str | None = None,
        city: str | None = None,
    ) -> None:
        self.prompter = ScriptedPrompter(script)
        self.saved: list[Progress] = []
        self.questionnaire = Questionnaire(
            kb, progress or Progress(), self.prompter, self.saved.append, role=role, city=city
        )

    def finish(self) -> Answers:
        answers = self.questionnaire.run()
        assert self.saved[-1].answers == answers  # the draft always has the latest
        return answers

    @property
    def asked(self) -> list[str]:
        return [q.name for q in self.prompter.asked]

    def question(self, name: str, nth: int = 0) -> Question:
        return [q for q in self.prompter.asked if q.name == name][nth]


def ratings(*names: str) -> list[str]:
    return [f"rating:{n}" for n in names]


def test_a_full_run_asks_the_preamble_each_skill_evidence_and_the_summary(small_kb: KnowledgeBase) -> None:
    run_ = Run(small_kb, ["Ada", "junior", ENTER, 3, "wrote the spec", 2, UNSURE, 3, "", SCORE])
    answers = run_.finish()
    assert run_.asked == [
        *PREAMBLE,
        "rating:writing",
        "evidence:writing",
        "rating:shipping",
        "rating:mentoring",
        "rating:influence",
        "evidence:influence",  # skipped with an empty answer
        "summary",
    ]
    target = run_.prompter.asked[2]
    assert target.kind is Kind.SELECT and target.default == "lead"  # the next role up from junior
    assert answers.name == "Ada" and answers.current_role == "junior" and answers.target_role == "lead"
    assert answers.ratings == {"writing": 3, "shipping": 2, "mentoring": None, "influence": 3}
    assert answers.evidence == {"writing": "wrote the spec"}
    assert answers.assessed_on == dt.date.today() and answers.kb_version == "test-1"
    assert len(run_.saved) == 10  # after every answer, and once more when finished
    assert run_.saved[-1].answered == {"name", "current_role", "evidence:writing", "evidence:influence"}


def test_the_questions_carry_what_the_prompt_shows(small_kb: KnowledgeBase) -> None:
    run_ = Run(small_kb, ["", SKIP, "lead", 4, "", BACK, 4, "", 2, 1, 1, SCORE])
    run_.finish()
    name = run_.prompter.asked[0]
    assert name.kind is Kind.TEXT and "pmladder: rate yourself" in name.notes[0].text  # the intro, once
    first = run_.question("rating:writing")
    assert [o.key for o in first.options] == ["1", "2", "3", "4", "5", "n"]  # no Back on the first
    assert first.options[2].title == "Independent: w3 writes alone"
    assert (first.heading, first.progress, first.detail) == ("Writing", "Craft 1/2 · 1 of 4", "Writes clear specs.")
    assert first.notes[0].text == (
        "Lead PM: 7 questions, about 2 minutes from here: 4 skills to rate and about 3 optional ones on evidence."
    )
    assert first.options[2].short == "3 Independent"
    second = run_.question("rating:shipping")
    assert [o.key for o in second.options][-1] == "b"
    assert "required" not in " ".join(o.title for o in second.options)  # the required level is never shown


def test_back_returns_to_the_previous_question_with_its_answer_kept(small_kb: KnowledgeBase) -> None:
    run_ = Run(small_kb, ["", "junior", ENTER, 2, BACK, 3, 4, 3, 1, SCORE], Progress(evidence=False))
    answers = run_.finish()
    assert run_.asked[3:] == [
        *ratings("writing", "shipping", "writing", "shipping", "mentoring", "influence"),
        "summary",
    ]
    assert run_.question("rating:writing", 1).default == 2  # the pointer starts on the kept answer
    assert answers.ratings == {"writing": 3, "shipping": 4, "mentoring": 3, "influence": 1}


def test_back_then_forward_asks_each_question_again_with_its_answer(small_kb: KnowledgeBase) -> None:
    script: list[Step] = ["", "junior", ENTER, 2, 2, BACK, BACK, ENTER, ENTER, 3, 1, SCORE]
    run_ = Run(small_kb, script, Progress(evidence=False))
    answers = run_.finish()
    assert run_.asked[3:] == [
        *ratings("writing", "shipping", "mentoring", "shipping", "writing", "shipping", "mentoring", "influence"),
        "summary",
    ]
    assert answers.ratings == {"writing": 2, "shipping": 2, "mentoring": 3, "influence": 1}


def test_the_summary_changes_one_answer_then_scores(small_kb: KnowledgeBase) -> None:
    script: list[Step] = ["", "junior", ENTER, 3, "", 4, "", 3, "", 1, CHANGE, "influence", 3, "a talk", SCORE]
    run_ = Run(small_kb, script)
    answers = run_.finish()
    assert run_.asked[-5:] == ["summary", "change", "rating:influence", "evidence:influence", "summary"]
    changed = run_.question("rating:influence", 1)
    assert changed.default == 1 and BACK not in changed.values  # no Back from the summary
    table = [n.text for n in run_.question("summary").notes]
    assert table[0] == "\nYour answers" and table[-1].split() == ["Influence", "1", "Aware"]
    assert answers.ratings["influence"] == 3 and answers.evidence == {"influence": "a talk"}


def test_not_sure_is_none_and_asks_no_evidence(small_kb: KnowledgeBase) -> None:
    run_ = Run(small_kb, ["", "junior", ENTER, UNSURE, UNSURE, UNSURE, UNSURE, SCORE])
    answers = run_.finish()
    assert answers.ratings == dict.fromkeys(LEAD)
    assert not any(name.startswith("evidence:") for name in run_.asked)
    assert run_.question("summary").notes[1].text.endswith("not sure yet")


def test_evidence_is_asked_for_three_or_more_kept_short_and_offered_again_on_a_change(
    small_kb: KnowledgeBase,
) -> None:
    long = "x" * 600
    script: list[Step] = ["", "junior", ENTER, 5, long, 2, 3, "", 4, " a metric ", CHANGE, "writing", 4, ENTER, SCORE]
    run_ = Run(small_kb, script)
    answers = run_.finish()
    assert run_.asked.count("evidence:writing") == 2
    assert run_.question("evidence:writing", 1).default == "x" * 500  # the earlier evidence, as it was kept
    assert answers.evidence == {"writing": "x" * 500, "influence": "a metric"}
    assert answers.ratings["writing"] == 4


def test_no_evidence_asks_none(small_kb: KnowledgeBase) -> None:
    run_ = Run(small_kb, ["", "junior", ENTER, 5, 5, 5, 5, SCORE], Progress(evidence=False))
    assert run_.finish().evidence == {}
    assert not any(name.startswith("evidence:") for name in run_.asked)


def test_a_role_from_the_command_line_skips_the_target_and_a_city_question_follows(
    small_kb: KnowledgeBase,
) -> None:
    run_ = Run(small_kb, ["", SKIP, "London", 1, 1, 1, 1, SCORE], role="chief")
    answers = run_.finish()
    assert run_.asked[:3] == ["name", "current_role", "city"]
    assert run_.question("city").values == [SKIP, "London", "New York"]
    assert (answers.target_role, answers.city, answers.current_role) == ("chief", "London", None)
    with_city = Run(small_kb, ["", SKIP, 1, 1, 1, 1, SCORE], role="chief", city="New York")
    assert "city" not in with_city.asked and with_city.finish().city == "New York"


def test_a_name_too_long_is_refused_and_asked_again(small_kb: KnowledgeBase) -> None:
    run_ = Run(small_kb, ["x" * 121, "Ada", "junior", ENTER, 1, 1, 1, 1, SCORE])
    assert run_.finish().name == "Ada"
    assert run_.prompter.refused == [("name", "At most 120 characters, please")]


# -- interrupted, and resumed from each stage ----------------------------------------------------


def test_an_interruption_keeps_what_was_typed_in_a_text_question(small_kb: KnowledgeBase) -> None:
    run_ = Run(small_kb, ["Ada", "junior", ENTER, 3, Interrupted("half a sen")])
    with pytest.raises(Interrupted):
        run_.questionnaire.run()
    progress = run_.questionnaire.progress
    assert progress.typed == {"evidence:writing": "half a sen"}
    assert progress.answers.ratings == {"writing": 3} and "evidence:writing" not in progress.answered
    assert run_.saved[-1].answers == progress.answers  # the rating was saved before the question


def test_an_interruption_at_a_select_changes_nothing(small_kb: KnowledgeBase) -> None:
    run_ = Run(small_kb, ["Ada", Interrupted()])
    with pytest.raises(Interrupted):
        run_.questionnaire.run()
    assert run_.questionnaire.progress == run_.saved[-1]
    assert run_.questionnaire.progress.typed == {}


def test_resume_with_no_name_yet_offers_what_was_typed(small_kb: KnowledgeBase) -> None:
    run_ = Run(small_kb, ["Ada Lovelace", "junior", ENTER, 1, 1, 1, 1, SCORE], Progress(typed={"name": "Ada"}))
    answers = run_.finish()
    name = run_.prompter.asked[0]
    assert name.name == "name" and name.default == "Ada"
    assert name.notes[0].text == "Resuming where you stopped."
    assert answers.name == "Ada Lovelace" and run_.saved[-1].typed == {}


def test_resume_with_no_target_yet_carries_on_at_the_target(small_kb: KnowledgeBase) -> None:
    progress = Progress(Answers(name="Ada", current_role="junior"), frozenset({"name", "current_role"}))
    run_ = Run(small_kb, [ENTER, 2, 2, 2, 2, SCORE], progress)
    answers = run_.finish()
    assert run_.asked[0] == "target_role" and run_.prompter.asked[0].default == "lead"
    assert (answers.name, answers.target_role) == ("Ada", "lead")


def test_resume_mid_ratings_starts_at_the_first_unanswered_and_back_reaches_earlier_ones(
    small_kb: KnowledgeBase,
) -> None:
    answers = Answers(name="Ada", target_role="lead", ratings={"writing": 3, "shipping": 2}, evidence={"writing": "x"})
    progress = Progress(answers, frozenset({"name", "current_role", "evidence:writing"}))
    run_ = Run(small_kb, [BACK, ENTER, 3, "shown", 1, SCORE], progress)
    result = run_.finish()
    assert run_.asked == [
        *ratings("mentoring", "shipping", "mentoring"),
        "evidence:mentoring",
        "rating:influence",
        "summary",
    ]
    assert run_.prompter.asked[0].notes[0].text == "Resuming at question 3 of 4."
    assert run_.question("rating:shipping").default == 2
    assert result.ratings == {"writing": 3, "shipping": 2, "mentoring": 3, "influence": 1}
    assert result.evidence == {"writing": "x", "mentoring": "shown"}


def test_resume_asks_pending_evidence_first_with_what_was_typed(small_kb: KnowledgeBase) -> None:
    answers = Answers(target_role="lead", ratings={"writing": 4})
    progress = Progress(answers, frozenset({"name", "current_role"}), {"evidence:writing": "half"})
    run_ = Run(small_kb, ["half of it", 1, 1, 1, SCORE], progress)
    result = run_.finish()
    assert run_.asked == ["evidence:writing", *ratings("shipping", "mentoring", "influence"), "summary"]
    evidence = run_.prompter.asked[0]
    assert evidence.default == "half"
    assert [n.text for n in evidence.notes][-2:] == [
        "Writing: 4 Advanced",
        "For a rating of 3 or more: what shows it? A link, a metric, an example (optional).",
    ]
    assert result.evidence == {"writing": "half of it"}


def test_evidence_answered_or_skipped_is_not_asked_again(small_kb: KnowledgeBase) -> None:
    answers = Answers(target_role="lead", ratings={"writing": 4, "shipping": 3})
    progress = Progress(answers, frozenset({"name", "current_role", "evidence:writing", "evidence:shipping"}))
    run_ = Run(small_kb, [1, 1, SCORE], progress)
    run_.finish()
    assert run_.asked == [*ratings("mentoring", "influence"), "summary"]


def test_a_finished_draft_resumes_at_the_summary(small_kb: KnowledgeBase) -> None:
    answers = Answers(target_role="lead", ratings=dict.fromkeys(LEAD, 1))
    run_ = Run(small_kb, [SCORE], Progress(answers, frozenset({"name", "current_role"})))
    assert run_.finish().ratings == dict.fromkeys(LEAD, 1)
    assert run_.asked == ["summary"]


def test_the_script_is_checked_like_a_terminal(small_kb: KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="is not one of"):
        Run(small_kb, ["", "nobody"]).questionnaire.run()
    with pytest.raises(TypeError, match="takes a str"):
        Run(small_kb, [3]).questionnaire.run()
    with pytest.raises(LookupError, match="ran out at 'current_role'"):
        Run(small_kb, [""]).questionnaire.run()


# -- the terminal prompter, driven by keys -------------------------------------------------------


@pytest.fixture
def keyboard() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def assess(keyboard: PipeInput, keys: str, *args: str) -> Result:
    keyboard.send_text(keys)
    return run(["--kb", str(SMALL_KB), "assess", *args])


def saved_answers(home: Path) -> dict[str, object]:
    (path,) = (home / "assessments" / kb_key(SMALL_KB)).glob("*.yaml")
    data: dict[str, object] = yaml.safe_load(path.read_text())
    return data


def test_full_run_with_arrows_shortcuts_and_evidence(keyboard: PipeInput, pmladder_home: Path) -> None:
    keys = (
        "Ada"
        + RETURN  # name
        + RETURN  # current role: the first, Junior PM
        + RETURN  # target: defaults to the next role up, Lead PM
        + "3"
        + RETURN
        + "wrote the spec"
        + RETURN  # writing 3, with evidence
        + "2"
        + RETURN  # shipping 2: below 3, no evidence prompt
        + "n"
        + RETURN  # mentoring: not sure yet
        + DOWN
        + DOWN
        + RETURN
        + RETURN  # influence: down twice from 1 -> 3; evidence skipped
        + RETURN  # summary: score
    )
    result = assess(keyboard, keys, "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    # lead: mentoring is not rated; the rest weigh 2*3 + 3*4 + 2*2 = 22 and earn 2*3 + 3*2 + 2*min(3, 2) = 16 -> 72.7
    assert report["readiness"] == 72.7
    assert (report["name"], report["current_role"], report["target_role"]) == ("Ada", "junior", "lead")
    assert {s["skill"]: s["rating"] for s in report["skills"]} == {
        "writing": 3,
        "shipping": 2,
        "mentoring": None,
        "influence": 3,
    }
    assert report["skills"][0]["evidence"] == "wrote the spec"
    answers = saved_answers(pmladder_home)
    assert answers["ratings"] == {"writing": 3, "shipping": 2, "mentoring": None, "influence": 3}
    assert answers["evidence"] == {"writing": "wrote the spec"}
    assert "Answers saved to" in result.stderr
    assert not list((pmladder_home / "drafts").rglob("*.yaml"))


def test_back_keeps_the_earlier_answer_and_summary_changes_one(keyboard: PipeInput, pmladder_home: Path) -> None:
    keys = (
        RETURN
        + RETURN
        + RETURN  # no name, Junior PM, Lead PM
        + "2"
        + RETURN  # writing 2
        + "b"
        + RETURN  # back to writing: the pointer starts on the kept answer, 2
        + DOWN
        + RETURN  # 2 -> 3 (--no-evidence: no evidence prompts)
        + "4"
        + RETURN  # shipping 4
        + "3"
        + RETURN  # mentoring 3
        + "1"
        + RETURN  # influence 1
        + DOWN
        + RETURN  # summary: change an answer
        + DOWN
        + DOWN
        + DOWN
        + RETURN  # the fourth, influence
        + "2"
        + RETURN  # influence 2
        + RETURN  # score
    )
    result = assess(keyboard, keys, "--no-evidence", "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert {s["skill"]: s["rating"] for s in report["skills"]} == {
        "writing": 3,
        "shipping": 4,
        "mentoring": 3,
        "influence": 2,
    }
    assert report["readiness"] == 100.0
    assert report["verdict"] == "ready"


def test_ctrl_c_keeps_the_draft_and_resume_carries_on(pmladder_home: Path) -> None:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("Ada" + RETURN + RETURN + RETURN + "3" + RETURN + "a spec" + RETURN + CTRL_C)
        first = run(["--kb", str(SMALL_KB), "assess"])
    assert first.exit_code == 130
    assert f"Resume with: pmladder --kb {SMALL_KB.resolve()} assess --resume" in first.stderr
    (path,) = (pmladder_home / "drafts").rglob("*.yaml")
    draft = yaml.safe_load(path.read_text())
    assert draft.pop("draft")["answered"] == ["current_role", "evidence:writing", "name"]
    assert draft == {
        "name": "Ada",
        "current_role": "junior",
        "target_role": "lead",
        "ratings": {"writing": 3},
        "evidence": {"writing": "a spec"},
    }
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("4" + RETURN + RETURN + "3" + RETURN + RETURN + "2" + RETURN + RETURN)
        second = run(["--kb", str(SMALL_KB), "assess", "--resume", "--format", "json"])
    assert second.exit_code == 0, second.stderr
    report = json.loads(second.stdout)
    assert report["name"] == "Ada"
    assert report["readiness"] == 100.0
    assert report["skills"][0]["evidence"] == "a spec"
    assert not list((pmladder_home / "drafts").rglob("*.yaml"))


def test_an_existing_draft_is_offered_without_resume(pmladder_home: Path) -> None:
    drafts = pmladder_home / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "assessment.yaml").write_text("target_role: lead\nratings: {writing: 3, shipping: 4}\n")
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        # confirm resume (Enter takes the default, yes), then mentoring 3 and influence 2
        pipe.send_text(RETURN + "3" + RETURN + "2" + RETURN + RETURN)
        result = run(["--kb", str(SMALL_KB), "assess", "--no-evidence", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["readiness"] == 100.0


def test_resume_without_a_draft(keyboard: PipeInput) -> None:
    result = assess(keyboard, "", "--resume")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: no unfinished assessment to resume; start one with 'pmladder --kb {SMALL_KB} assess'\n"
    )


def test_answers_file_scores_the_same_as_the_questionnaire(keyboard: PipeInput, pmladder_home: Path) -> None:
    keys = RETURN + RETURN + RETURN + "3" + RETURN + "4" + RETURN + "1" + RETURN + "n" + RETURN + RETURN
    first = assess(keyboard, keys, "--no-evidence", "--format", "json", "--save", str(pmladder_home / "me.yaml"))
    assert first.exit_code == 0, first.stderr
    again = run(["--kb", str(SMALL_KB), "assess", "--answers", str(pmladder_home / "me.yaml"), "--format", "json"])
    # lead: influence is not rated; the rest weigh 6 + 12 + 3 = 21 and earn 2*3 + 3*4 + 1*1 = 19 -> 90.5
    assert json.loads(first.stdout)["readiness"] == json.loads(again.stdout)["readiness"] == 90.5


def test_idle_work_runs_once_the_question_is_drawn_and_only_once(keyboard: PipeInput) -> None:
    """`when_idle` work waits for the next question's first render (text or select), runs
    before its answer, and a failure in it costs the question nothing."""
    prompter = TerminalPrompter()
    assert isinstance(prompter, IdlePrompter) and not isinstance(ScriptedPrompter([]), IdlePrompter)
    renders: list[int] = []

    def fail() -> None:
        raise ImportError("left for the real use to report")

    prompter.when_idle(lambda: renders.append(get_app().render_counter))
    prompter.when_idle(fail)
    prompter.when_idle(lambda: renders.append(get_app().render_counter))
    keyboard.send_text("Ada" + RETURN)
    assert prompter.ask(questions.text("name", "Your name:")) == "Ada"
    assert renders == [1, 1]  # after the first render, before the keys were read

    prompter.when_idle(lambda: renders.append(get_app().render_counter))
    keyboard.send_text("2")
    keyboard.send_text(RETURN)
    options = [Option("One", 1, "1"), Option("Two", 2, "2")]
    assert prompter.ask(questions.select("pick", "Which?", options)) == 2
    keyboard.send_text(RETURN)
    assert prompter.ask(questions.select("again", "Which?", options)) == 1
    assert renders == [1, 1, 1]
