"""A manager or a peer rates someone else: `pmladder assess --rater manager --subject NAME`.

The questionnaire is phrased for the person rated ("Which fits Ada best?", "Not observed"),
asks nothing about the rater but an optional name, records rater, rater_name and subject,
keeps them in its draft, prints the subject's report and says how to compare.

Small fixture: current role 'junior' leads to 'lead': writing, shipping, mentoring, influence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import SMALL_KB, run
from pmladder.assessment.answers import Answers
from pmladder.assessment.drafts import Progress, kb_key
from pmladder.cli import interview
from pmladder.cli.interview import SCORE, SKIP, UNSURE, Estimate, Questionnaire, Voice
from pmladder.cli.questions import ENTER, Interrupted, Question, ScriptedPrompter, Step
from pmladder.knowledge.base import KnowledgeBase

Script = Callable[..., ScriptedPrompter]


@pytest.fixture
def script(monkeypatch: pytest.MonkeyPatch) -> Script:
    def install(*steps: Step) -> ScriptedPrompter:
        prompter = ScriptedPrompter(list(steps))
        monkeypatch.setattr(interview, "terminal_prompter", lambda: prompter)
        return prompter

    return install


def by_name(prompter: ScriptedPrompter, name: str) -> Question:
    return next(q for q in prompter.asked if q.name == name)


# -- the flow -----------------------------------------------------------------------------------


def test_a_manager_is_asked_only_their_name_then_about_the_subject(small_kb: KnowledgeBase) -> None:
    prompter = ScriptedPrompter(["Max", "junior", ENTER, 4, "ran the offsite", UNSURE, 2, 1, SCORE])
    saved: list[Progress] = []
    questionnaire = Questionnaire(small_kb, Progress(), prompter, saved.append, rater="manager", subject="Ada Example")
    answers = questionnaire.run()
    asked = [q.name for q in prompter.asked]
    assert asked[:3] == ["rater_name", "current_role", "target_role"]  # no "your current role", no "name"
    assert by_name(prompter, "rater_name").message == "Your name (optional, recorded as the rater):"
    assert by_name(prompter, "current_role").message == "Ada's current role (optional):"
    assert by_name(prompter, "target_role").message == "The role to rate Ada against:"
    rating = by_name(prompter, "rating:writing")
    assert rating.message == "Which fits Ada best?"
    assert [(o.title, o.short) for o in rating.options][-1] == ("Not observed", "not observed")
    assert by_name(prompter, "evidence:writing").message == "What have you seen that shows this?"
    summary = by_name(prompter, "summary")
    assert summary.notes[0].text == "\nYour ratings of Ada Example"
    assert summary.options[0].title == "Score these ratings"
    assert "not observed" in summary.notes[2].text  # shipping
    intro = prompter.asked[0].notes
    assert intro[0].text == "pmladder: rate Ada Example, as their manager, against the role they aim for."
    assert "'not observed' is fine" in intro[-1].text
    assert (answers.rater, answers.rater_name, answers.subject, answers.name) == ("manager", "Max", "Ada Example", None)
    assert answers.ratings == {"writing": 4, "shipping": None, "mentoring": 2, "influence": 1}  # not observed: unrated
    assert answers.evidence == {"writing": "ran the offsite"}
    assert answers.whose == "Ada Example" and answers.assessed_on == dt.date.today()
    assert saved[0].answers.subject == "Ada Example"  # in the draft from the first save


def test_without_a_subject_the_questionnaire_asks_whom_first(small_kb: KnowledgeBase) -> None:
    prompter = ScriptedPrompter(["  ", "Bo Peer", "", SKIP, "lead", 3, "", 3, "", 3, "", 3, "", SCORE])
    answers = Questionnaire(small_kb, Progress(), prompter, rater="peer").run()
    assert prompter.asked[0].name == "subject"
    assert prompter.refused == [("subject", "Their name, please: the ratings are about them")]
    assert (answers.rater, answers.subject, answers.rater_name, answers.current_role) == ("peer", "Bo Peer", None, None)
    assert by_name(prompter, "rating:writing").message == "Which fits Bo best?"


def test_a_self_assessment_is_phrased_as_before(small_kb: KnowledgeBase) -> None:
    prompter = ScriptedPrompter(["Ada", "junior", ENTER, 1, 1, 1, UNSURE, SCORE])
    answers = Questionnaire(small_kb, Progress(), prompter).run()
    assert by_name(prompter, "rating:writing").message == "Which fits you best?"
    assert by_name(prompter, "rating:writing").options[5].title == "Not sure yet"
    assert (answers.rater, answers.subject, answers.name) == (None, None, "Ada")


def test_what_evidence_means_is_said_once_and_each_prompt_says_enter_skips(small_kb: KnowledgeBase) -> None:
    prompter = ScriptedPrompter(["Ada", "junior", ENTER, 3, "", 3, "", 1, 1, SCORE])
    Questionnaire(small_kb, Progress(), prompter).run()
    first, second = by_name(prompter, "evidence:writing"), by_name(prompter, "evidence:shipping")
    assert [n.text for n in first.notes] == [
        "For a rating of 3 or more: what shows it? A link, a metric, an example (optional)."
    ]
    assert second.notes == () and first.instruction == second.instruction == "(Enter skips)"


def test_the_voice_names_someone_by_their_first_name() -> None:
    assert Voice("manager", "Ada Example").them == "Ada"
    assert Voice("peer", "Dr. Chen").them == "Dr. Chen"
    assert Voice("other", None).them == "them"
    assert Voice("self").which == "Which fits you best?"


# -- how long it takes --------------------------------------------------------------------------


def test_the_first_screen_says_how_many_questions_and_minutes(small_kb: KnowledgeBase) -> None:
    prompter = ScriptedPrompter(["Ada", "junior", 1, 1, 1, 1, SCORE])
    Questionnaire(small_kb, Progress(), prompter, role="lead").run()
    notes = [n.text for n in prompter.asked[0].notes]
    # name, current role, 4 ratings; lead requires writing 3, shipping 4, mentoring 2, influence 3: 3 evidence
    assert notes[1] == "Lead PM: 9 questions, about 2 minutes: 4 skills to rate and about 3 optional ones on evidence."
    assert not any(q.name.startswith("evidence:") for q in prompter.asked)  # ratings of 1 ask for none


def test_without_a_target_the_first_screen_gives_the_range_over_roles(small_kb: KnowledgeBase) -> None:
    prompter = ScriptedPrompter(["", "junior", ENTER, 1, 1, 1, 1, SCORE])
    Questionnaire(small_kb, Progress(evidence=False), prompter).run()
    # every role of the small ladder requires the same 4 skills; only Chief PM asks for a city
    first = prompter.asked[0].notes[1].text
    assert first == "4 skills to rate: 7 to 8 questions, about 2 minutes, depending on the role you aim for."
    then = prompter.asked[3].notes[0].text  # once the target is chosen
    assert then == "Lead PM: 4 questions, about 1 minute from here: 4 skills to rate."


def test_the_estimate_is_words_read_plus_seconds_per_answer() -> None:
    estimate = Estimate(questions=53, ratings=25, evidence=25, words=2925, answers=54)
    assert estimate.seconds == 2925 * 60 / interview.READING_WPM + 54 * interview.SECONDS_PER_ANSWER
    assert estimate.minutes == 19


@pytest.mark.parametrize("role", [None, "lead"])
def test_the_estimate_counts_what_the_questionnaire_itself_asks_and_shows(
    small_kb: KnowledgeBase, role: str | None
) -> None:
    """Answered at the target's level, a real run (answers validated and saved) asks the
    questions and shows the words the estimate's dry run counted, its own time note aside."""
    target = small_kb.role("lead")
    required = {skill.id: requirement.level for skill, requirement in small_kb.requirements(target)}

    def at_level(question: Question) -> Step:
        if question.name == "name":
            return ""
        if question.name == "target_role":
            return target.id
        if question.name.startswith("rating:"):
            return required[question.name.split(":", 1)[1]]
        if question.name.startswith("evidence:"):
            return ""
        return SCORE if question.name == "summary" else (SKIP if SKIP in question.values else ENTER)

    saved: list[Progress] = []
    real = ScriptedPrompter(at_level)
    Questionnaire(small_kb, Progress(), real, saved.append, role=role).run()
    estimate = Questionnaire(small_kb, Progress(), ScriptedPrompter([]), role=role).estimate(target)
    # 'N questions, about M minutes' on the first screen (a span over roles without --role), and
    # again for the rest once the target is chosen: what the dry run itself does not say
    timing = [note.text for q in real.asked for note in q.notes if "minute" in note.text]
    assert len(timing) == (1 if role else 2)
    assert estimate.questions == len([q for q in real.asked if q.name != "summary"])
    assert estimate.answers == len(real.asked)
    assert estimate.words == sum(interview.words_shown(q) for q in real.asked) - sum(len(t.split()) for t in timing)
    assert saved and saved[-1].answers.ratings == required


def test_the_bundled_head_of_product_numbers_in_the_readme(kb: KnowledgeBase) -> None:
    estimate = Questionnaire(kb, Progress(), ScriptedPrompter([]), role="head-of-product").estimate(
        kb.role("head-of-product")
    )
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert (estimate.ratings, estimate.questions, estimate.evidence) == (25, 53, 25)
    assert f"{estimate.words:,} words" in readme
    assert f"{estimate.questions} questions" in readme and f"about {estimate.minutes} minutes" in readme


# -- the command ----------------------------------------------------------------------------------


def small(*args: str) -> list[str]:
    return ["--kb", str(SMALL_KB), "assess", *args]


def test_assess_as_a_manager_writes_rater_and_subject_and_reports_on_the_subject(
    script: Script, tmp_path: Path
) -> None:
    script("Max", "junior", ENTER, 3, "", 4, "", 2, 1, SCORE)
    out = tmp_path / "from-max.yaml"
    result = run(small("--rater", "manager", "--subject", "Ada Example", "--save", str(out)))
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load(out.read_text())
    assert (data["rater"], data["rater_name"], data["subject"]) == ("manager", "Max", "Ada Example")
    assert "name" not in data
    assert result.stdout.lstrip().startswith("╭") and "Ada Example" in result.stdout.splitlines()[1]
    assert (
        f"To compare these ratings with Ada Example's own assessment:\n  pmladder --kb {SMALL_KB.resolve()} compare"
        in result.stderr
    )
    assert result.stderr.rstrip().endswith(f"compare THEIR_SELF_FILE {out}")


def test_without_save_the_file_is_named_for_whom_and_by_whom(script: Script, pmladder_home: Path) -> None:
    script("", "junior", ENTER, 1, 1, 1, 1, SCORE)
    result = run(small("--rater", "peer", "--subject", "Ada Example", "--format", "json"))
    assert result.exit_code == 0, result.stderr
    (path,) = (pmladder_home / "assessments" / kb_key(SMALL_KB)).glob("*.yaml")  # this ladder's own folder
    assert path.name == f"{dt.date.today()}-lead-ada-example-by-peer.yaml"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--subject", "Ada"], "--subject is for rating someone else: add --rater manager, peer or other"),
        (["--rater", "self", "--subject", "Ada"], "--subject is for rating someone else"),
        (["--rater", "boss"], "unknown rater 'boss' (choose one of: self, manager, peer, other)"),
        (["--rater", "peer", "--subject", " "], "--subject needs a name"),
        (["--rater", "peer", "--answers", "x.yaml"], "--rater goes with the questionnaire"),
        (["--rater", "peer", "--discard"], "--rater and --discard do not go together"),
    ],
)
def test_rater_and_subject_are_checked_in_our_words(args: list[str], message: str) -> None:
    result = run(small(*args))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {message}")


def test_a_draft_keeps_the_rater_and_subject_and_resumes_as_them(script: Script, pmladder_home: Path) -> None:
    script("Max", "junior", ENTER, 3, Interrupted("led the"))
    first = run(small("--rater", "manager", "--subject", "Ada Example"))
    assert first.exit_code == 130
    (path,) = (pmladder_home / "drafts").rglob("*.yaml")
    draft = yaml.safe_load(path.read_text())
    assert (draft["rater"], draft["rater_name"], draft["subject"]) == ("manager", "Max", "Ada Example")

    # a self-assessment with --rater self is not offered it; plain --resume is, and carries on as the manager
    script("Ada", "junior", ENTER, 1, 1, 1, 1, SCORE)
    mine = run(small("--rater", "self", "--no-evidence", "--format", "json"))
    assert mine.exit_code == 0, mine.stderr
    resumed = script("led the offsite", 2, 2, 2, SCORE)
    again = run(small("--resume", "--format", "json"))
    assert again.exit_code == 0, again.stderr
    assert resumed.asked[0].name == "evidence:writing" and resumed.asked[0].default == "led the"
    assert resumed.asked[1].message == "Which fits Ada best?"
    assert "compare THEIR_SELF_FILE" in again.stderr
    assert not list((pmladder_home / "drafts").rglob("*.yaml"))


def test_a_draft_by_someone_else_is_described_as_such(small_kb: KnowledgeBase) -> None:
    from pmladder.assessment.drafts import Draft

    answers = Answers(rater="peer", rater_name="Bo", subject="Ada Example", target_role="lead", ratings={"writing": 2})
    draft = Draft(Path("x.yaml"), dt.datetime(2026, 1, 2, 3, 4), Progress(answers))
    assert (
        interview.describe(draft, small_kb)
        == "Ada Example, rated as peer by Bo → Lead PM, 1 of 4 rated (saved 2026-01-02 03:04)"
    )
