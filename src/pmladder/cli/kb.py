"""`pmladder kb new`, `kb info`, `kb validate`, `kb schema`, `kb export`, `kb import` and `schema`: start, describe, check and convert a ladder."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from pmladder.cli.common import (
    FormatOption,
    OutputOption,
    command_hint,
    emit,
    kb_dir,
    load_kb,
    print_problems,
    show,
    sub_app,
)

kb_app = sub_app(
    no_args_is_help=True,
    help="""Start, describe and check a knowledge base (roles.yaml, skills.yaml), or move it to and from a spreadsheet.

    Examples:

    \b
      pmladder kb new ./our-ladder --levels 4
      pmladder --kb ./our-ladder kb info
      pmladder kb validate ./our-ladder
      pmladder kb schema skills -o schemas/skills.schema.json
      pmladder kb export --format xlsx -o ladder.xlsx
      pmladder kb import ladder.xlsx ./our-ladder
    """,
)


class SchemaName(str, Enum):
    roles = "roles"
    skills = "skills"
    answers = "answers"


class KbSchemaName(str, Enum):
    roles = "roles"
    skills = "skills"


@kb_app.command("new")
def new(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="A new or empty folder for the ladder.")],
    levels: Annotated[int, typer.Option("--levels", metavar="N", help="How many levels the scale has, 3 to 7.")] = 5,
) -> None:
    """Start a ladder: a minimal roles.yaml and skills.yaml in DIR, every field explained.

    The files are valid as written ('pmladder kb validate DIR' accepts them): one
    category, two skills (one with paragraph descriptors, one with lists of
    criteria) and two roles on one track. Replace the placeholders with your own
    ladder. DIR must be new or empty.

    Examples:

    \b
      pmladder kb new ./our-ladder
      pmladder kb new ./our-ladder --levels 4
    """
    import sys

    from pmladder.knowledge.new import new_ladder

    for path in new_ladder(directory, levels):
        sys.stderr.write(f"wrote {path}\n")
    from pmladder.cli.common import invoked_as
    from pmladder.commands import command, invocation

    with invocation(invoked_as, str(directory)):  # the new ladder is the one to use from now on
        use = command("kb", "info")
    sys.stderr.write(f"Edit them, then check them with: {command_hint(ctx, 'kb', 'validate', str(directory))}\n")
    sys.stderr.write(f"Use the ladder with --kb, e.g.: {use}\n")


@kb_app.command("info")
def info(ctx: typer.Context, format: FormatOption = None, output: OutputOption = None) -> None:
    """What the ladder in use is: its name, version, source and licence, its size, tracks and scale.

    Examples:

    \b
      pmladder kb info
      pmladder --kb ./our-ladder kb info --format json
    """
    from pmladder.knowledge.views import InfoView
    from pmladder.reports.formats import choose

    choose("info", format, output)  # a usage error before any reading
    show(InfoView(load_kb(ctx)), format, output)


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


@kb_app.command("export")
def kb_export(
    ctx: typer.Context,
    format: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="xlsx (the only one); default: xlsx.", show_default=False
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="The workbook to write, e.g. ladder.xlsx ('-' for stdout)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE when it exists.")] = False,
) -> None:
    """Write the knowledge base (--kb or the bundled one) as a workbook for Excel, LibreOffice or Google Sheets.

    One sheet per part of the ladder: About, Scale, Categories, Skills (a column per level),
    Roles (a column per skill holding the level, or level/weight like 3/2), and the details.
    Edit it and bring it back with: pmladder kb import FILE DIR

    Examples:

    \b
      pmladder kb export --format xlsx -o ladder.xlsx
      pmladder --kb ./our-ladder kb export -o our-ladder.xlsx
      pmladder kb export -o - > ladder.xlsx
    """
    import sys

    from pmladder.errors import PmladderError, Problem
    from pmladder.io.files import display_name, is_file, write_bytes
    from pmladder.knowledge.spreadsheet import export_workbook, read_ladder

    suffix = Path(output).suffix.lower().lstrip(".") if is_file(output) else ""
    chosen = (format or suffix or "xlsx").lower()
    if chosen != "xlsx":
        raise PmladderError(
            f"kb export writes a workbook (--format xlsx) only; got {chosen!r}. For JSON, use "
            "'pmladder roles --format json' and 'pmladder skills --format json'"
        )
    if output is None:
        if sys.stdout.isatty():
            raise PmladderError(
                "a workbook is a binary file, not for the terminal; add -o ladder.xlsx (or -o - to send it to a pipe)"
            )
        output = "-"
    if is_file(output) and not force and Path(output).exists():
        raise PmladderError(Problem("already exists; pass --force to overwrite it", display_name(output)))
    roles, skills = read_ladder(kb_dir(ctx))
    data = export_workbook(roles, skills)
    write_bytes(output, data)
    if is_file(output):
        sys.stderr.write(f"wrote {output}\n")


@kb_app.command("import")
def kb_import(
    workbook: Annotated[
        str, typer.Argument(metavar="FILE", help="A workbook written by 'kb export' (.xlsx), edited or not.")
    ],
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="The folder to write roles.yaml and skills.yaml into.")
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Write into DIR even when it holds files (replacing the ladder's).")
    ] = False,
) -> None:
    """Turn a workbook back into a knowledge-base folder (roles.yaml, skills.yaml and their schemas).

    The workbook is checked as 'kb validate' checks a folder, and every problem is listed at
    once at its cell, as FILE:Sheet!CELL: MESSAGE; exit code 2 and nothing is written when any
    is an error. DIR must be empty or new unless --force.

    Examples:

    \b
      pmladder kb import ladder.xlsx ./our-ladder
      pmladder kb import ladder.xlsx ./our-ladder --force
      pmladder --kb ./our-ladder roles
    """
    import sys

    from pmladder.io.files import display_name, read_bytes
    from pmladder.knowledge.emit import write_ladder
    from pmladder.knowledge.spreadsheet import MAX_WORKBOOK_BYTES, import_workbook, ladder_texts

    name, data = read_bytes(workbook, limit=MAX_WORKBOOK_BYTES)
    if directory.exists() and not directory.is_dir():
        from pmladder.errors import PmladderError, Problem

        raise PmladderError(Problem("is a file, not a folder; give a folder for the ladder", display_name(directory)))
    imported = import_workbook(data, name)
    files = ladder_texts(imported, Path(name).name, directory)
    write_ladder(files, directory, force=force)
    print_problems(imported.warnings)
    sys.stderr.write(
        f"wrote {display_name(directory)}: {len(imported.roles.roles)} roles, {len(imported.skills.skills)} skills\n"
    )
