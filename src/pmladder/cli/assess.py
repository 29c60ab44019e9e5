"""`pmladder assess`: the questionnaire (or an answers file), the score, and the gap report."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from pmladder.cli.common import (
    FailUnderOption,
    FormatOption,
    MaxGapOption,
    OutputOption,
    command_hint,
    compare_suggestion,
    kb_dir,
    load_kb,
    say,
    show,
    warn_other_ladder,
)
from pmladder.cli.entry import resume_collector
from pmladder.errors import ExitCode, PmladderError
from pmladder.io.files import display_name, is_file, refuse_overwrite
from pmladder.io.sanitize import visible

if TYPE_CHECKING:
    from pmladder.assessment.answers import Answers, Rater
    from pmladder.assessment.report import Assessment
    from pmladder.knowledge.base import KnowledgeBase
    from pmladder.knowledge.values import Role


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
    discard: Annotated[
        bool,
        typer.Option(
            "--discard", help="Discard the unfinished questionnaires of this knowledge base (asks first), then stop."
        ),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="With --discard: do not ask first.")] = False,
    evidence: Annotated[
        bool | None,
        typer.Option(
            "--evidence/--no-evidence",
            show_default=False,
            help="Ask what shows each rating of 3 or more (default: yes, or as the resumed questionnaire did).",
        ),
    ] = None,
    save: Annotated[
        str | None,
        typer.Option(
            "--save",
            metavar="FILE",
            help="Where the questionnaire writes your answers file (default: your pmladder folder).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Let --save overwrite an existing file.")] = False,
    rater: Annotated[
        str | None,
        typer.Option(
            "--rater", metavar="WHO", help="Rate someone else: manager, peer or other (default: self, yourself)."
        ),
    ] = None,
    subject: Annotated[
        str | None,
        typer.Option("--subject", metavar="NAME", help="With --rater: whom you rate, e.g. 'Ada Example'."),
    ] = None,
    city: Annotated[
        str | None, typer.Option("--city", metavar="CITY", help="A city for salary context, e.g. London.")
    ] = None,
    format: FormatOption = None,
    output: OutputOption = None,
    fail_under: FailUnderOption = None,
    max_gap: MaxGapOption = None,
    no_save: Annotated[
        bool, typer.Option("--no-save", help="Do not keep this assessment in your history (see 'pmladder history').")
    ] = False,
) -> None:
    """Rate yourself against a target role and get a gap report with projects to close the gaps.

    Without --answers, asks one question per skill the role requires (1-N or arrows,
    Enter): 25 for the bundled ladder, 15 to 20 minutes; the first screen says how
    long. Ctrl-C keeps your answers for --resume, each questionnaire in a draft of its
    own. The answers file it writes can be scored again, edited, or collected for a
    cohort. With --rater, a manager or peer rates someone else, for 'pmladder compare'.

    Examples:

    \b
      pmladder assess
      pmladder assess --role head-of-product --city London
      pmladder assess --resume
      pmladder assess --discard
      pmladder assess --rater manager --subject "Ada Example"
      pmladder assess --answers me.yaml --output report.md
      pmladder assess --answers me.yaml --format json
      pmladder assess --answers me.yaml --fail-under 80 --max-gap 1
    """
    from pmladder import api
    from pmladder.reports.formats import choose

    _check_flags(answers_file, resume=resume, discard=discard, yes=yes, save=save, force=force)
    rated_by = _check_rater(rater, subject, answers_file=answers_file, discard=discard)
    kb = load_kb(ctx)
    refuse_overwrite(output, [item for item in (answers_file, save) if item])
    choose("assessment", format, output)  # a usage error before any question
    if role is not None:
        kb.role(role)  # an unknown role fails before the first question
    if city is not None:
        _check_city(kb, city, role)  # before any question: a typo must not cost a whole questionnaire
    if discard:
        from pmladder.cli.interview import discard_drafts

        resume_collector()
        discard_drafts(kb, kb_dir(ctx), yes=yes)
        return
    saved = None  # where the questionnaire wrote its answers
    if answers_file is not None:
        resume_collector()  # the questionnaire resumes it at its first question (start_up_frozen)
        answers = api.read_answers(answers_file, kb)
        warn_other_ladder(display_name(answers_file), answers, kb)
        interactive = False
        if role is not None:
            warn_unused(answers, kb.role(role), display_name(answers_file))
    else:
        from pmladder.cli.interview import check_save, interview

        save_path = check_save(save, force=force)  # before any question: answers must have somewhere to go
        answers, saved = interview(
            kb,
            kb_dir(ctx),
            role=role,
            city=city,
            resume=resume,
            evidence=evidence,
            save=save_path,
            force=force,
            rater=rated_by,
            subject=subject,
        )
        interactive = True
    try:
        report = api.assess(answers, kb, role=role, city=city)
    except PmladderError as exc:
        raise exc.placed(display_name(answers_file)) if answers_file else exc from None
    chosen = _show(report, format, output, interactive=interactive)
    source = saved if saved is not None else (answers_file if answers_file not in (None, "-") else None)
    if chosen == "text" and not is_file(output) and source is not None:
        # under the summary, unwrapped so that a command copied from a narrow terminal still runs
        coach = command_hint(ctx, "assess", "--answers", str(source), "-o", "report.md")
        if answers.rated_by == "self":
            hints = f"Answers file: {source}\nA Markdown report for a coach: {coach}\n"
        else:  # the rater reads this: the report is about, and for, the person rated
            hints = f"Answers file: {source}\nA Markdown report for {answers.whose or 'the person rated'}: {coach}\n"
            if saved is None:  # the questionnaire says how to compare last, on stderr
                hints += compare_suggestion(answers.whose, command_hint(ctx, "compare", "THEIR_SELF_FILE", str(source)))
        sys.stdout.write(visible(hints, newlines=True))
        sys.stdout.flush()
    if not no_save:  # after the report and the answers file: a broken database costs nothing but a warning
        # said to a person (the questionnaire, or a terminal); a script's log stays as it was
        keep(report, kb, announce=interactive or sys.stderr.isatty(), listing=command_hint(ctx, "history"))
    if saved is not None and answers.rated_by != "self":  # last, where the person who rated looks
        from pmladder.cli.interview import compare_hint

        say(compare_hint(answers, saved, kb_dir(ctx)))
    _gate(report, fail_under=fail_under, max_gap=max_gap)


def keep(report: Assessment, kb: KnowledgeBase, *, announce: bool, listing: str = "pmladder history") -> None:
    """After `assess`: keep the assessment in the history. A database that cannot be used is one
    warning line; the report is already shown and the answers file written, so nothing is lost.

    Here rather than with the history commands, so that `assess` imports none of them."""
    from pmladder import api

    try:
        saved = api.save_assessment(report, kb)
    except PmladderError as exc:
        reason = " ".join(str(exc).split())
        sys.stderr.write(f"warning: not saved to your history: {reason}\n")
        return
    if announce:
        if saved.added:
            sys.stderr.write(f"Saved to your history as #{saved.id} ({listing})\n")
        else:
            sys.stderr.write(f"Already in your history as #{saved.id} ({listing})\n")


def warn_unused(answers: Answers, target: Role, file: str) -> None:
    """--role that leaves some of a file's ratings out says so on stderr, with how many: not an error."""
    from pmladder.assessment.report import unused_ratings, unused_warning

    unused = unused_ratings(answers, target)
    if unused:
        say(f"warning: {unused_warning(file, target, unused)}")


def _check_flags(
    answers_file: str | None, *, resume: bool, discard: bool, yes: bool, save: str | None, force: bool
) -> None:
    """Options that make no sense together fail before anything is read or asked."""
    if answers_file is not None:
        for given, flag in ((resume, "--resume"), (discard, "--discard")):
            if given:
                raise PmladderError(f"{flag} and --answers do not go together")
    if discard and resume:
        raise PmladderError("--discard and --resume do not go together")
    if yes and not discard:
        raise PmladderError("--yes goes with --discard")
    if force and save is None:
        raise PmladderError("--force goes with --save")


def _check_rater(rater: str | None, subject: str | None, *, answers_file: str | None, discard: bool) -> Rater | None:
    """--rater and --subject: a known rater, a subject only for someone else, only for the questionnaire."""
    from typing import cast, get_args

    from pmladder.assessment.answers import MAX_NAME, Rater

    raters = get_args(Rater)
    if rater is not None and rater not in raters:
        raise PmladderError(f"unknown rater '{rater}' (choose one of: {', '.join(raters)})")
    for given, flag in ((rater, "--rater"), (subject, "--subject")):
        if given is not None and answers_file is not None:
            raise PmladderError(f"{flag} goes with the questionnaire; an answers file names its own rater and subject")
        if given is not None and discard:
            raise PmladderError(f"{flag} and --discard do not go together")
    if subject is not None and rater in (None, "self"):
        raise PmladderError("--subject is for rating someone else: add --rater manager, peer or other")
    if subject is not None and not subject.strip():
        raise PmladderError("--subject needs a name")
    if subject is not None and len(subject.strip()) > MAX_NAME:
        raise PmladderError(f"--subject: at most {MAX_NAME} characters, please")
    return cast(Rater, rater)


def _check_city(kb: KnowledgeBase, city: str, role: str | None) -> None:
    """--city before any question: the role's figures when --role is given, else any role's."""
    if role is not None:
        kb.salaries(kb.role(role), city)
        return
    from pmladder.errors import unknown

    cities = sorted({f.city for r in kb.roles if r.salaries for f in r.salaries.figures})
    if city.strip().casefold() not in {c.casefold() for c in cities}:
        raise PmladderError(unknown("city", city, cities))


def _show(report: Assessment, format: str | None, output: str | None, *, interactive: bool) -> str:
    """Show the report; return the format it was written in."""
    chosen = show(report, format, output)
    if is_file(output):
        from pmladder.reports.sections import percent, voice

        if interactive and chosen != "text":  # the person who just answered sees it too
            show(report, "text", None)
        result = report.score
        say(
            f"{voice(report).heading('You')}: {percent(result.readiness)} ready for {report.target.name} ({result.verdict.value})"
        )
    return chosen


def _gate(report: Assessment, *, fail_under: float | None, max_gap: int | None) -> None:
    if fail_under is None and max_gap is None:
        return  # no gate: its module is not even imported
    from pmladder.assessment.gates import Gates  # scoring's, imported after the questionnaire

    reasons = Gates(fail_under, max_gap).failures(report.score)
    if reasons:
        for reason in reasons:
            say(f"below the gate: {reason}")
        raise typer.Exit(ExitCode.BELOW_GATE)
