"""`pmladder diff A B`: what changed between two assessments, each an answers file or a history id."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmladder.cli.common import FormatOption, OutputOption, load_kb, show, warn_other_ladder
from pmladder.errors import PmladderError

if TYPE_CHECKING:
    from pmladder.assessment.answers import Answers
    from pmladder.knowledge.base import KnowledgeBase


def diff(
    ctx: typer.Context,
    before: Annotated[
        str, typer.Argument(metavar="A", help="The earlier assessment: an answers file or a history id.")
    ],
    after: Annotated[str, typer.Argument(metavar="B", help="The later assessment: an answers file or a history id.")],
    role: Annotated[
        str | None, typer.Option("--role", "-r", metavar="ID", help="Score both against this role (default: B's).")
    ] = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """What changed between two assessments: skills, readiness, coverage, gaps, standing, evidence.

    A and B are answers files ('-' for stdin) or ids from 'pmladder history'. Both
    are scored against the same role, B's target role or --role, with the ladder in
    use. Markdown reads well in a pull request that updates someone's answers file.

    Examples:

    \b
      pmladder diff ada-march.yaml ada-april.yaml
      pmladder diff 3 ada.yaml --format markdown
      pmladder diff 3 5 --role head-of-product --format json
    """
    from pmladder import api
    from pmladder.io.files import refuse_overwrite
    from pmladder.reports.formats import choose

    if before == "-" and after == "-":
        raise PmladderError("only one of A and B can be '-' (stdin)")
    kb = load_kb(ctx)
    refuse_overwrite(output, [before, after])
    choose("diff", format, output)
    if role is not None:
        kb.role(role)
    (a_source, a), (b_source, b) = _side(before, kb), _side(after, kb)
    show(api.diff(a, b, kb, role=role, sources=(a_source, b_source)), format, output)


def _side(reference: str, kb: KnowledgeBase) -> tuple[str, Answers]:
    """An answers file when such a file exists (or '-'); else a history id like 3 or #3."""
    from pmladder import api
    from pmladder.history.service import is_history_id
    from pmladder.io.files import display_name

    if reference != "-" and is_history_id(reference) and not Path(reference).exists():
        answers = api.history_answers(reference, kb)
        return f"history #{reference.strip().lstrip('#')}", answers
    answers = api.read_answers(reference, kb)
    warn_other_ladder(display_name(reference), answers, kb)
    return display_name(reference), answers
