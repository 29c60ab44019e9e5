"""`pmladder kb validate`, `kb schema` and `schema`: check and describe knowledge-base files."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from pmladder.cli.common import FormatOption, OutputOption, emit, kb_dir, print_problems, show, sub_app

kb_app = sub_app(
    no_args_is_help=True,
    help="""Check and describe a knowledge base (roles.yaml, skills.yaml).

    Examples:

    \b
      pmladder kb validate ./our-ladder
      pmladder --kb ./our-ladder kb validate
      pmladder kb schema skills -o schemas/skills.schema.json
    """,
)


class SchemaName(str, Enum):
    roles = "roles"
    skills = "skills"
    answers = "answers"


class KbSchemaName(str, Enum):
    roles = "roles"
    skills = "skills"


@kb_app.command("validate")
def validate(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(
            metavar="[DIR]", help="A folder with roles.yaml and skills.yaml; default: --kb or the bundled one."
        ),
    ] = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Check a knowledge base: schema, references, unique ids, and a ladder that never steps down.

    Every problem is listed at once as FILE:LINE:COLUMN: MESSAGE; exit code 2 when any is an error.

    Examples:

    \b
      pmladder kb validate
      pmladder kb validate ./our-ladder
    """
    from pmladder.errors import ExitCode, PmladderError
    from pmladder.io.files import display_name
    from pmladder.knowledge.load import load_knowledge_base
    from pmladder.knowledge.views import ValidationView
    from pmladder.reports.formats import choose

    as_text = choose("validation", format, output).value == "text"  # a usage error before any reading
    folder = directory or kb_dir(ctx)
    try:
        kb = load_knowledge_base(folder)
    except PmladderError as exc:
        if as_text:
            raise
        show(ValidationView(display_name(folder), None, tuple(exc.problems)), format, output)
        raise typer.Exit(ExitCode.BAD_INPUT) from None
    if as_text:
        print_problems(list(kb.warnings))
    show(ValidationView(kb.source, kb, kb.warnings), format, output)


@kb_app.command("schema")
def kb_schema(
    name: Annotated[
        KbSchemaName, typer.Argument(metavar="[roles|skills]", help="Which file's schema.")
    ] = KbSchemaName.roles,
    output: OutputOption = None,
) -> None:
    """Print the JSON Schema of roles.yaml or skills.yaml (for editors and CI).

    Examples:

    \b
      pmladder kb schema roles
      pmladder kb schema skills -o schemas/skills.schema.json
    """
    from pmladder.knowledge.schemas import schema_text

    emit(schema_text(name.value), output)


def schema(
    name: Annotated[SchemaName, typer.Argument(metavar="NAME", help="roles, skills or answers.")],
    output: OutputOption = None,
) -> None:
    """Print the JSON Schema of a file pmladder reads: roles, skills or answers.

    Examples:

    \b
      pmladder schema answers
      pmladder schema answers -o answers.schema.json
    """
    from pmladder.knowledge.schemas import schema_text

    emit(schema_text(name.value), output)
