"""`pmladder kb validate`, `kb schema` and `schema`: check and describe knowledge-base files."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from pmladder.cli.common import OutputOption, emit, kb_dir, print_problems

kb_app = typer.Typer(
    no_args_is_help=True,
    help="""Check and describe a knowledge base (roles.yaml, skills.yaml).

    [bold]Examples[/bold]

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
) -> None:
    """Check a knowledge base: schema, references, unique ids, and a ladder that never steps down.

    Every problem is listed at once as FILE:LINE:COLUMN: MESSAGE; exit code 2 when any is an error.

    [bold]Examples[/bold]

      pmladder kb validate
      pmladder kb validate ./our-ladder
    """
    from pmladder.knowledge.load import load_knowledge_base

    folder = directory or kb_dir(ctx)
    kb = load_knowledge_base(folder)
    print_problems(list(kb.warnings))
    sys.stdout.write(
        f"{kb.source}: ok: {len(kb.roles)} roles, {len(kb.skills)} skills in {len(kb.categories)} categories"
        f" (version {kb.version}, {len(kb.warnings)} warnings)\n"
    )


@kb_app.command("schema")
def kb_schema(
    name: Annotated[KbSchemaName, typer.Argument(help="Which file's schema.")] = KbSchemaName.roles,
    output: OutputOption = None,
) -> None:
    """Print the JSON Schema of roles.yaml or skills.yaml (for editors and CI).

    [bold]Examples[/bold]

      pmladder kb schema roles
      pmladder kb schema skills -o schemas/skills.schema.json
    """
    from pmladder.knowledge.schemas import schema_text

    emit(schema_text(name.value), output)


def schema(
    name: Annotated[SchemaName, typer.Argument(help="roles, skills or answers.")],
    output: OutputOption = None,
) -> None:
    """Print the JSON Schema of a file pmladder reads: roles, skills or answers.

    [bold]Examples[/bold]

      pmladder schema answers
      pmladder schema answers -o answers.schema.json
    """
    from pmladder.knowledge.schemas import schema_text

    emit(schema_text(name.value), output)
