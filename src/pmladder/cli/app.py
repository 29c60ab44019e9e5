"""The root command: `--version`, `--kb`, the sub-commands, and errors mapped to exit codes."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator, MutableMapping
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from pmladder.cli.common import Command, print_problems, sub_app
from pmladder.errors import ExitCode, PmladderError

# Each command lives in its own module and is imported and built only when it runs (or when
# help lists it): start-up then pays for one command, not all of them. Order is help order.
COMMANDS: dict[str, tuple[str, str]] = {
    "assess": ("pmladder.cli.assess", "assess"),
    "roles": ("pmladder.cli.explore", "roles_app"),
    "skills": ("pmladder.cli.explore", "skills_app"),
    "path": ("pmladder.cli.explore", "path"),
    "match": ("pmladder.cli.match", "match"),
    "compare": ("pmladder.cli.compare", "compare"),
    "plan": ("pmladder.cli.plan", "plan"),
    "template": ("pmladder.cli.template", "template"),
    "cohort": ("pmladder.cli.cohort", "cohort"),
    "history": ("pmladder.cli.history", "history_app"),
    "diff": ("pmladder.cli.diff", "diff"),
    "progress": ("pmladder.cli.progress", "progress"),
    "kb": ("pmladder.cli.kb", "kb_app"),
    "schema": ("pmladder.cli.kb", "schema"),
}
# Commands whose start-up goes on inside them, so that they resume the garbage collector
# themselves where it ends (entry.resume_collector): assess, at its first question.
RESUMES_ITSELF = {"assess"}


def _build(name: str, module: str, attribute: str) -> Any:
    """The click command for one entry of COMMANDS: a function, or a Typer of sub-commands."""
    target = getattr(importlib.import_module(module), attribute)
    if not isinstance(target, typer.Typer):
        holder = sub_app()
        holder.command(name, cls=TyperCommand if name in RESUMES_ITSELF else Command)(target)
        target = holder
    command = typer.main.get_command(target)
    command.name = name
    _hide_argument_types(command)
    return command


def _hide_argument_types(command: Any) -> None:
    """Help names arguments by their metavar ('FROM'), never by a Python type ('FROM <str>')."""
    for param in getattr(command, "params", []):
        if getattr(param, "param_type_name", "") == "argument":
            param.display_type_rich = lambda ctx: None
    for sub in getattr(command, "commands", {}).values():
        _hide_argument_types(sub)


def _summary(name: str, module: str, attribute: str) -> Any:
    """A stand-in that carries only a command's help text, for the root --help listing."""
    target = getattr(importlib.import_module(module), attribute)
    if isinstance(target, typer.Typer):
        callback = target.registered_callback.callback if target.registered_callback else None
        text = target.info.help or (callback.__doc__ if callback else None)
    else:
        text = target.__doc__
    help_text = inspect.cleandoc(text or "")
    first = help_text.split("\n\n", 1)[0].replace("\n", " ")
    return TyperCommand(name=name, help=help_text, short_help=first, callback=None)


class _LazyCommands(MutableMapping[str, Any]):
    """The root group's commands, built on first access."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = _build(name, *COMMANDS[name])
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*COMMANDS, *self._built]))

    def __len__(self) -> int:
        return len(set(COMMANDS) | set(self._built))


class _Group(TyperGroup):
    """Lazy sub-commands; bad input anywhere becomes its problems on stderr and exit 2, never a traceback."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.commands = _LazyCommands()

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """List the commands from their docstrings alone: building all of them would double the cost of --help."""
        built = self.commands
        self.commands = {name: _summary(name, *COMMANDS[name]) for name in COMMANDS}
        try:
            super().format_help(ctx, formatter)
        finally:
            self.commands = built

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except PmladderError as exc:
            print_problems(exc.problems)
            raise typer.Exit(ExitCode.BAD_INPUT) from None


app = typer.Typer(
    cls=_Group,
    name="pmladder",
    epilog=(
        "Exit codes: 0 ok; 1 below a gate (--fail-under, --max-gap); 2 bad input or usage;"
        " 130 interrupted (the questionnaire keeps your answers as a draft). Your data lives in"
        " $PMLADDER_HOME, else the platform's user data folder. 'pmladder COMMAND --help' shows"
        " each command's options and examples."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from pmladder import __version__

        typer.echo(f"pmladder {__version__}")
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

    Examples:

    \b
      pmladder assess                      rate yourself, get a gap report
      pmladder roles                       the ladder, Associate PM to CPO
      pmladder path product-manager head-of-product
      pmladder --kb ./our-ladder roles     use your organisation's own ladder
    """
    from pmladder.cli.common import invoked_as
    from pmladder.commands import invocation

    ctx.obj = {"kb": kb}
    ctx.with_resource(invocation(invoked_as, kb))  # every hint printed in this run carries the --kb in use
