"""`pmladder history`: list, show, export and delete the assessments kept in the local database."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from pmladder.cli.common import FormatOption, OutputOption, emit, load_kb, show, sub_app
from pmladder.commands import command
from pmladder.errors import ExitCode, PmladderError, Problem

history_app = sub_app(invoke_without_command=True, no_args_is_help=False)

IdArgument = Annotated[str, typer.Argument(metavar="ID", help="An id from 'pmladder history', e.g. 3.")]


@history_app.callback()
def history(
    ctx: typer.Context,
    all_ladders: Annotated[
        bool, typer.Option("--all", help="Every knowledge base's assessments, not only the ladder in use.")
    ] = False,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Your past assessments: date, who, target, readiness and the change since the previous one.

    Every completed 'pmladder assess' is kept in a local database in your pmladder
    folder (unless --no-save); nothing leaves your machine. Lists the ladder in use
    (the bundled one, or --kb DIR), oldest first.

    Examples:

    \b
      pmladder history
      pmladder history --all --format json
      pmladder history show 3 --format markdown -o ada.md
      pmladder history export 3 -o ada.yaml
      pmladder history delete 3
    """
    if ctx.invoked_subcommand is not None:
        return
    from pmladder import api
    from pmladder.reports.formats import choose

    choose("history", format, output)
    show(api.list_history(load_kb(ctx), all_ladders=all_ladders), format, output)


@history_app.command("show")
def history_show(
    ctx: typer.Context, entry_id: IdArgument, format: FormatOption = None, output: OutputOption = None
) -> None:
    """A stored assessment's report again, in any format.

    Scored again when the ladder in use is the one it was scored with (the same
    digest); otherwise the report exactly as it was stored, with a note saying so.

    Examples:

    \b
      pmladder history show 3
      pmladder history show 3 --format json
      pmladder history show 3 -o ada-march.md
    """
    from pmladder import api
    from pmladder.reports.formats import choose

    choose("stored", format, output)
    show(api.history_report(entry_id, load_kb(ctx)), format, output)


@history_app.command("export")
def history_export(
    entry_id: IdArgument,
    output: OutputOption = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE when it exists.")] = False,
) -> None:
    """Write a stored assessment's answers file (YAML), to score, edit or diff again.

    Examples:

    \b
      pmladder history export 3 -o ada-march.yaml
      pmladder history export 3 > ada-march.yaml
    """
    from pmladder import api
    from pmladder.assessment.answers_file import dump_answers
    from pmladder.io.files import display_name, is_file

    if is_file(output) and not force and Path(output).exists():
        raise PmladderError(Problem("already exists; pass --force to overwrite it", display_name(output)))
    answers = api.history_answers(entry_id)
    header = (
        f"pmladder answers, from your history (#{entry_id.strip().lstrip('#')});"
        f" score again with: {command('assess', '--answers')} <this file>"
    )
    emit(dump_answers(answers, header), output)


@history_app.command("delete")
def history_delete(
    entry_id: IdArgument,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Remove one assessment from your history, after asking (or with --yes).

    Without a terminal to ask on, it refuses unless --yes is given.

    Examples:

    \b
      pmladder history delete 3
      pmladder history delete 3 --yes
    """
    from pmladder.history.records import label
    from pmladder.history.service import entry
    from pmladder.reports.sections import percent, who

    found = entry(entry_id)  # an unknown id fails before asking
    what = f"{label(found)}: {who(found.name)}, {found.target_role}, {found.taken_at[:10]}, {percent(found.readiness)}"
    if not yes:
        if not sys.stdin.isatty():
            raise PmladderError("'history delete' asks first: pass --yes to delete without a terminal")
        try:
            sure = typer.confirm(f"Delete {what}? This cannot be undone.", default=False, err=True)
        except (typer.Abort, KeyboardInterrupt, EOFError):
            sys.stderr.write("\nInterrupted. Nothing was deleted.\n")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        if not sure:
            sys.stderr.write("Nothing was deleted.\n")
            return
    from pmladder import api

    api.delete_assessment(found.id)
    sys.stderr.write(f"Deleted {what}.\n")
