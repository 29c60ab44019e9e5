"""`pmladder roles`, `skills` and `path`: explore the ladder."""

from __future__ import annotations

from typing import Annotated

import typer

from pmladder.cli.common import FormatOption, OutputOption, load_kb, show, sub_app

roles_app = sub_app(invoke_without_command=True, no_args_is_help=False)
skills_app = sub_app(invoke_without_command=True, no_args_is_help=False)


@roles_app.callback()
def roles(ctx: typer.Context, format: FormatOption = None, output: OutputOption = None) -> None:
    """The ladder as a table: rank, role, track and typical years.

    Examples:

    \b
      pmladder roles
      pmladder roles --format json | jq '.roles[].id'
      pmladder roles show head-of-product --city London
    """
    if ctx.invoked_subcommand is not None:
        return
    from pmladder.knowledge.views import LadderView

    show(LadderView(load_kb(ctx)), format, output)


@roles_app.command("show")
def roles_show(
    ctx: typer.Context,
    role_id: Annotated[str, typer.Argument(metavar="ID", help="A role id, e.g. head-of-product.")],
    city: Annotated[
        str | None, typer.Option("--city", metavar="CITY", help="Show only this city's salary figure.")
    ] = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Everything about a role: responsibilities, required skills, where it leads, salaries.

    Examples:

    \b
      pmladder roles show head-of-product
      pmladder roles show head-of-product --city London
      pmladder roles show director-of-product --format markdown -o director.md
    """
    from pmladder.knowledge.views import RoleView

    kb = load_kb(ctx)
    role = kb.role(role_id)
    show(RoleView(kb, role, tuple(kb.salaries(role, city))), format, output)


@skills_app.callback()
def skills(ctx: typer.Context, format: FormatOption = None, output: OutputOption = None) -> None:
    """The skills by category, with what each covers.

    Examples:

    \b
      pmladder skills
      pmladder skills show stakeholder-management
      pmladder skills --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    from pmladder.knowledge.views import SkillsView

    show(SkillsView(load_kb(ctx)), format, output)


@skills_app.command("show")
def skills_show(
    ctx: typer.Context,
    skill_id: Annotated[str, typer.Argument(metavar="ID", help="A skill id, e.g. product-strategy.")],
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """A skill's levels, self-guided projects, learning, and which roles need it.

    Examples:

    \b
      pmladder skills show product-strategy
      pmladder skills show discovery --format markdown
    """
    from pmladder.knowledge.views import SkillView

    kb = load_kb(ctx)
    show(SkillView(kb, kb.skill(skill_id)), format, output)


def path(
    ctx: typer.Context,
    start: Annotated[str, typer.Argument(metavar="FROM", help="The role you hold.")],
    end: Annotated[str, typer.Argument(metavar="TO", help="The role you aim for.")],
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """The steps between two roles and, for each, which skills must rise and by how much.

    Examples:

    \b
      pmladder path associate-product-manager head-of-product
      pmladder path senior-product-manager vp-of-product --format json
    """
    from pmladder.knowledge.ladder import career_path
    from pmladder.knowledge.views import PathView

    kb = load_kb(ctx)
    steps = career_path(kb, start, end)
    show(PathView(kb, kb.role(start), kb.role(end), tuple(steps)), format, output)
