"""`pmladder template`: an answers file to fill in with an editor, one per cohort member."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pmladder.cli.common import OutputOption, command_hint, emit, load_kb, say
from pmladder.errors import PmladderError, Problem

RATERS = ("self", "manager", "peer", "other")


def template(
    ctx: typer.Context,
    role: Annotated[str, typer.Option("--role", "-r", metavar="ID", help="The target role, e.g. head-of-product.")],
    output: OutputOption = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE when it exists.")] = False,
    rater: Annotated[
        str, typer.Option("--rater", metavar="WHO", help="Who fills it in: self, manager, peer or other.")
    ] = "self",
    subject: Annotated[
        str | None, typer.Option("--subject", metavar="NAME", help="Whom a manager or peer rates, e.g. 'Ada Example'.")
    ] = None,
) -> None:
    """Write an answers file for a role: every required skill and each level of the scale.

    Each skill is 'skill-id: null' under a comment with its definition and what
    each level looks like: replace null with a level (1-5 on the bundled ladder's
    scale) in any editor, then score the
    file with 'pmladder assess --answers FILE', or a folder of them with
    'pmladder cohort'. An existing FILE is kept unless --force is given.

    Examples:

    \b
      pmladder template --role head-of-product
      pmladder template --role head-of-product --output cohort/ada.yaml
      pmladder template --role senior-product-manager -o - > me.yaml
      pmladder template --role head-of-product --rater peer --subject "Ada Example" -o ada-by-bo.yaml
    """
    kb = load_kb(ctx)
    from pmladder.assessment.template import answers_template
    from pmladder.io.files import display_name, is_file

    target = kb.role(role)
    if rater not in RATERS:
        raise PmladderError(f"unknown rater '{rater}' (choose one of: {', '.join(RATERS)})")
    if subject is not None and rater == "self":
        raise PmladderError("--subject is for a file someone else fills in: add --rater manager, peer or other")
    if is_file(output) and not force and Path(output).exists():
        raise PmladderError(Problem("already exists; pass --force to overwrite it", display_name(output)))
    emit(answers_template(kb, target, rater=rater, subject=subject, command=command_hint(ctx)), output)
    if is_file(output):
        then = "assess --answers" if rater == "self" else "compare SELF_FILE"
        say(f"Rate each skill in {output}, then: {command_hint(ctx, *then.split(), output)}")
