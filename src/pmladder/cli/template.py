"""`pmladder template`: an answers file to fill in with an editor, one per cohort member."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from pmladder.cli.common import OutputOption, emit, load_kb
from pmladder.errors import PmladderError, Problem


def template(
    ctx: typer.Context,
    role: Annotated[str, typer.Option("--role", "-r", metavar="ID", help="The target role, e.g. head-of-product.")],
    output: OutputOption = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE when it exists.")] = False,
) -> None:
    """Write an answers file for a role: every required skill and its five levels.

    Each skill is 'skill-id: null' under a comment with its definition and what
    each level looks like: replace null with 1-5 in any editor, then score the
    file with 'pmladder assess --answers FILE', or a folder of them with
    'pmladder cohort'. An existing FILE is kept unless --force is given.

    Examples:

    \b
      pmladder template --role head-of-product
      pmladder template --role head-of-product --output cohort/ada.yaml
      pmladder template --role senior-product-manager -o - > me.yaml
    """
    kb = load_kb(ctx)
    from pmladder.assessment.template import answers_template
    from pmladder.io.files import display_name, is_file

    target = kb.role(role)
    if is_file(output) and not force and Path(output).exists():
        raise PmladderError(Problem("already exists; pass --force to overwrite it", display_name(output)))
    emit(answers_template(kb, target), output)
    if is_file(output):
        sys.stderr.write(f"Rate each skill in {output}, then: pmladder assess --answers {output}\n")
