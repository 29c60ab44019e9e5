"""`pmladder assess`: the questionnaire (or an answers file), the score, and the gap report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmladder.cli.common import FailUnderOption, FormatOption, MaxGapOption, OutputOption, load_kb, show
from pmladder.errors import ExitCode, PmladderError
from pmladder.io.files import display_name, is_file, refuse_overwrite

if TYPE_CHECKING:
    from pmladder.assessment.answers import Answers
    from pmladder.assessment.gates import Gates
    from pmladder.assessment.report import Assessment
    from pmladder.knowledge.base import KnowledgeBase

NOT_A_TERMINAL = "stdin is not a terminal: pass --answers FILE (see 'pmladder template')"


def assess(
    ctx: typer.Context,
    answers_file: Annotated[
        str | None,
        typer.Option(
            "--answers",
            "-a",
            metavar="FILE",
            help="Score an answers file (YAML or JSON; '-' for stdin) instead of asking.",
        ),
    ] = None,
    role: Annotated[
        str | None, typer.Option("--role", "-r", metavar="ID", help="Target role; overrides the answers file's.")
    ] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Carry on with the questionnaire you interrupted.")] = False,
    evidence: Annotated[
        bool, typer.Option("--evidence/--no-evidence", help="Ask what shows each rating of 3 or more.")
    ] = True,
    save: Annotated[
        str | None,
        typer.Option(
            "--save",
            metavar="FILE",
            help="Where the questionnaire writes your answers file (default: your pmladder folder).",
        ),
    ] = None,
    city: Annotated[
        str | None, typer.Option("--city", metavar="CITY", help="A city for salary context, e.g. London.")
    ] = None,
    format: FormatOption = None,
    output: OutputOption = None,
    fail_under: FailUnderOption = None,
    max_gap: MaxGapOption = None,
) -> None:
    """Rate yourself against a target role and get a gap report with projects to close the gaps.

    Without --answers, asks one question per skill the role requires (arrows or 1-5,
    Enter); Ctrl-C keeps your answers for --resume. The answers file it writes can be
    scored again, edited, or collected for a cohort.

    Examples:

    \b
      pmladder assess
      pmladder assess --role head-of-product --city London
      pmladder assess --resume
      pmladder assess --answers me.yaml --output report.md
      pmladder assess --answers me.yaml --format json
      pmladder assess --answers me.yaml --fail-under 80 --max-gap 1
    """
    from pmladder import api
    from pmladder.assessment.gates import Gates
    from pmladder.reports.formats import choose

    kb = load_kb(ctx)
    refuse_overwrite(output, [item for item in (answers_file, save) if item])
    choose("assessment", format, output)  # a usage error before any question
    if role is not None:
        kb.role(role)  # an unknown role fails before the first question
    if city is not None:
        _check_city(kb, city, role)  # before any question: a typo must not cost a whole questionnaire
    if answers_file is not None:
        if resume:
            raise PmladderError("--resume and --answers do not go together")
        answers = api.read_answers(answers_file, kb)
        interactive = False
    else:
        answers = _interview(kb, role=role, city=city, resume=resume, evidence=evidence, save=save)
        interactive = True
    try:
        report = api.assess(answers, kb, role=role, city=city)
    except PmladderError as exc:
        raise exc.placed(display_name(answers_file)) if answers_file else exc from None
    _show(report, format, output, interactive=interactive)
    _gate(report, Gates(fail_under, max_gap))


def _interview(
    kb: KnowledgeBase, *, role: str | None, city: str | None, resume: bool, evidence: bool, save: str | None
) -> Answers:
    """Run the questionnaire, keeping a draft throughout; write the answers file at the end."""
    from pmladder.cli.questionnaire import can_prompt

    if not can_prompt():
        raise PmladderError(NOT_A_TERMINAL)
    import questionary

    from pmladder.assessment.answers import Answers
    from pmladder.assessment.answers_file import write_answers
    from pmladder.assessment.drafts import discard_draft, draft_path, load_draft, save_draft
    from pmladder.cli.questionnaire import Questionnaire, prompting

    if save == "-":
        raise PmladderError("--save needs a file: stdout carries the report")
    draft = load_draft(kb)
    if resume and draft is None:
        raise PmladderError("no unfinished assessment to resume; start one with 'pmladder assess'")
    if draft is not None and not resume:
        answered = len(draft.ratings)
        target = kb.role(draft.target_role).name if draft.target_role else "a role not yet chosen"
        try:
            with prompting():
                resume = questionary.confirm(
                    f"You have an unfinished assessment for {target} ({answered} answered). Resume it?", default=True
                ).unsafe_ask()
        except (KeyboardInterrupt, EOFError):
            _interrupted(draft_path())
    start = draft if (resume and draft is not None) else Answers()
    questionnaire = Questionnaire(kb, start, save_draft, evidence=evidence, role=role, city=city)
    try:
        with prompting():
            answers = questionnaire.run()
    except (KeyboardInterrupt, EOFError):
        save_draft(questionnaire.answers)
        _interrupted(draft_path())
    target_path = Path(save) if save else _default_answers_path(answers)
    write_answers(target_path, answers, "pmladder answers; score again with: pmladder assess --answers <this file>")
    discard_draft()
    sys.stderr.write(
        f"Answers saved to {target_path}\nScore them again with: pmladder assess --answers {target_path}\n"
    )
    return answers


def _check_city(kb: KnowledgeBase, city: str, role: str | None) -> None:
    """--city before any question: the role's figures when --role is given, else any role's."""
    if role is not None:
        kb.salaries(kb.role(role), city)
        return
    from pmladder.errors import unknown

    cities = sorted({f.city for r in kb.roles if r.salaries for f in r.salaries.figures})
    if city.strip().casefold() not in {c.casefold() for c in cities}:
        raise PmladderError(unknown("city", city, cities))


def _interrupted(path: Path) -> None:
    sys.stderr.write(f"\nInterrupted. Your answers so far are kept in {path}\nResume with: pmladder assess --resume\n")
    raise typer.Exit(ExitCode.INTERRUPTED)


def _default_answers_path(answers: Answers) -> Path:
    """A new file under the user's pmladder folder: assessments/DATE-ROLE.yaml, never overwriting."""
    from pmladder.io.paths import assessments_dir

    stem = f"{answers.assessed_on or 'undated'}-{answers.target_role}"
    folder = assessments_dir()
    path = folder / f"{stem}.yaml"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.yaml"
        n += 1
    return path


def _show(report: Assessment, format: str | None, output: str | None, *, interactive: bool) -> None:
    from pmladder.reports.sections import percent

    chosen = show(report, format, output)
    if is_file(output):
        if interactive and chosen != "text":  # the person who just answered sees it too
            show(report, "text", None)
        result = report.score
        who = report.name or "You"
        sys.stderr.write(
            f"{who}: {percent(result.readiness)} ready for {report.target.name} ({result.verdict.value})\n"
        )


def _gate(report: Assessment, gates: Gates) -> None:
    reasons = gates.failures(report.score)
    if reasons:
        for reason in reasons:
            sys.stderr.write(f"below the gate: {reason}\n")
        raise typer.Exit(ExitCode.BELOW_GATE)
