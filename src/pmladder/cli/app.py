"""The root command: `--version`, `--kb`, the sub-commands, and errors mapped to exit codes."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from pmladder.cli.common import print_problems
from pmladder.cli.entry import version_line
from pmladder.errors import ExitCode, PmladderError


class _Group(TyperGroup):
    """Bad input anywhere becomes its problems on stderr and exit code 2, never a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except PmladderError as exc:
            print_problems(exc.problems)
            raise typer.Exit(ExitCode.BAD_INPUT) from None


app = typer.Typer(
    cls=_Group,
    name="pmladder",
    epilog="Docs and exit codes: see README.md. Exit codes: 0 ok, 1 below a gate, 2 bad input or usage.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(version_line())
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    kb: Annotated[
        str | None,
        typer.Option(
            "--kb",
            envvar="PMLADDER_KB",
            metavar="DIR",
            help="Use the knowledge base in DIR (roles.yaml, skills.yaml) instead of the bundled one.",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """How far you are from the next rung of the product ladder, and what to do about it.

    [bold]Examples[/bold]

      pmladder assess                      rate yourself, get a gap report
      pmladder roles                       the ladder, Associate PM to CPO
      pmladder path product-manager head-of-product
      pmladder --kb ./our-ladder roles     use your organisation's own ladder
    """
    ctx.obj = {"kb": kb}


def _register() -> None:
    from pmladder.cli import assess, cohort, explore, kb, template

    app.command("assess")(assess.assess)

    app.add_typer(explore.roles_app, name="roles")
    app.add_typer(explore.skills_app, name="skills")
    app.command("path")(explore.path)
    app.add_typer(kb.kb_app, name="kb")
    app.command("schema")(kb.schema)
    app.command("template")(template.template)
    app.command("cohort")(cohort.cohort)


_register()
