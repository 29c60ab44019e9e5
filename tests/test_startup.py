"""Start-up stays at typer's floor: heavy libraries are imported only by the commands that use them.

Counted by module, not timed, so the test is deterministic; `benchmarks/bench_startup.py` times it.
Each probe runs in a fresh interpreter, with the private PMLADDER_HOME the conftest sets.
"""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

import pmladder
from pmladder import __version__

HEAVY = ("rich", "pydantic", "yaml", "questionary", "prompt_toolkit", "platformdirs", "sqlite3", "jinja2")

REPORT = f"print(sorted({{m.split('.')[0] for m in sys.modules if m.split('.')[0] in {set(HEAVY)!r}}}))"


def heavy_modules_after(code: str) -> list[str]:
    """Run `code` in a fresh interpreter and return which heavy top-level packages it imported."""
    done = subprocess.run(
        [sys.executable, "-c", f"import sys\n{code}\n{REPORT}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    loaded = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    assert isinstance(loaded, list)
    return loaded


def run_entry_point(args: list[str]) -> str:
    """Code that runs the installed console script's own entry point in-process, as `pmladder ARGS`."""
    return f"""
from importlib.metadata import entry_points
(script,) = entry_points(group='console_scripts', name='pmladder')
sys.argv = ['pmladder', *{args!r}]
try:
    script.load()()
except SystemExit as exc:
    assert exc.code in (0, None), exc.code
"""


def test_the_probe_sees_heavy_imports() -> None:
    """Guards the tests below against passing because the probe itself is broken."""
    assert heavy_modules_after("import yaml, rich.console") == ["rich", "yaml"]


def test_importing_the_cli_loads_no_heavy_library() -> None:
    assert heavy_modules_after("import pmladder.cli.app") == []


def test_version_loads_nothing_heavy_not_even_typer() -> None:
    code = run_entry_point(["--version"]) + "\nassert 'typer' not in sys.modules, 'typer was imported'"
    assert heavy_modules_after(code) == []


def test_help_loads_only_rich() -> None:
    """Help is rendered by Rich (typer's rich_markup_mode); no command runs, so nothing else is needed."""
    assert set(heavy_modules_after(run_entry_point(["--help"]))) <= {"rich"}


@pytest.mark.parametrize("command", [["roles", "--help"], ["kb", "validate", "--help"]], ids=" ".join)
def test_sub_command_help_loads_no_yaml_or_questionary(command: list[str]) -> None:
    """Typer 0.29 coerces the root's `--kb` with a Pydantic TypeAdapter, so pydantic is typer's cost here."""
    assert set(heavy_modules_after(run_entry_point(command))) <= {"rich", "pydantic"}


def test_json_output_never_imports_rich() -> None:
    """JSON is written with plain stdout, so Rich is dead weight there; a warm cache skips YAML too."""
    cold = heavy_modules_after(run_entry_point(["roles", "--format", "json"]))
    warm = heavy_modules_after(run_entry_point(["roles", "--format", "json"]))
    assert "rich" not in cold and "questionary" not in cold
    assert warm == ["pydantic"], "the second run reads the start-up cache, not the YAML"


def test_python_m_pmladder_prints_the_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pmladder", "--version"], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout == f"pmladder {__version__}\n"


def our_modules_after(code: str) -> set[str]:
    """Run `code` in a fresh interpreter and return which of pmladder's modules it imported."""
    report = "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pmladder'))"
    done = subprocess.run(
        [sys.executable, "-c", f"import sys\n{code}\n{report}"], capture_output=True, text=True, timeout=60, check=True
    )
    loaded = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    assert isinstance(loaded, list)
    return set(loaded)


def modules_defining_pydantic_models() -> set[str]:
    """Every module of ours that defines a Pydantic model: what a warm explore command must not import."""
    found = set()
    for info in pkgutil.walk_packages(pmladder.__path__, "pmladder."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == info.name:
                found.add(info.name)
    return found


def test_the_model_finder_sees_the_models() -> None:
    """Guards the test below against passing because the finder itself is broken."""
    assert {"pmladder.knowledge.models", "pmladder.assessment.answers"} <= modules_defining_pydantic_models()


@pytest.mark.parametrize(
    "command",
    [
        ["roles"],
        ["skills"],
        ["path", "product-manager", "head-of-product"],
        ["roles", "show", "head-of-product", "--format", "json"],
        ["skills", "show", "product-strategy", "--format", "markdown"],
    ],
    ids=" ".join,
)
def test_a_warm_explore_command_builds_no_model_of_ours(command: list[str]) -> None:
    """The start-up cache holds plain data: a warm run decodes it without the files' Pydantic models (issue 14).

    Pydantic itself is still imported: typer 0.29 coerces every option through a TypeAdapter.
    """
    cold = our_modules_after(run_entry_point(command))
    warm = our_modules_after(run_entry_point(command))
    assert "pmladder.knowledge.models" in cold, "the first run parses and validates the files"
    assert warm & modules_defining_pydantic_models() == set()
    assert "pmladder.knowledge.load" not in warm, "no YAML is parsed when the files are unchanged"


ANSWERS = Path(__file__).resolve().parents[1] / "examples" / "calibration" / "ada.yaml"
# What scoring an answers file to JSON never needs: the history's views (it only saves), the
# history commands, the questionnaire, the error translator (for an invalid file), the text
# reports' helpers, the gates (none given) and the YAML syntax errors' translator (a broken file).
NOT_FOR_ASSESS_JSON = {
    "pmladder.history.service",
    "pmladder.history.diff",
    "pmladder.history.progress",
    "pmladder.history.views",
    "pmladder.cli.history",
    "pmladder.cli.interview",
    "pmladder.io.validation",
    "pmladder.io.yamlsyntax",
    "pmladder.reports.sections",
    "pmladder.assessment.gates",
}


def test_assess_answers_to_json_imports_only_what_it_uses() -> None:
    """`assess --answers F --format json` reads, scores, prints JSON and saves to the history: no more (issue 14)."""
    code = run_entry_point(["assess", "--answers", str(ANSWERS), "--format", "json"])
    heavy_modules_after(code)  # the knowledge-base cache, warm
    assert heavy_modules_after(code) == ["pydantic", "sqlite3", "yaml"]
    assert our_modules_after(code) & NOT_FOR_ASSESS_JSON == set()
    saved = subprocess.run(
        [sys.executable, "-m", "pmladder", "history", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert len(json.loads(saved.stdout)["assessments"]) == 1, "it still keeps the assessment in the history"


def test_the_collector_is_paused_for_start_up_only() -> None:
    """Start-up runs without the cyclic collector; the command itself runs with it, start-up frozen out of its way."""
    code = (
        "import gc, sys\n"
        "from pmladder.cli import common\n"
        "seen = []\n"
        "real = common.resume_collector\n"
        "def probe():\n"
        "    seen.append(gc.isenabled())\n"
        "    real()\n"
        "    seen.append((gc.isenabled(), gc.get_freeze_count() > 0))\n"
        "common.resume_collector = probe\n" + run_entry_point(["roles"]) + "\nprint(seen, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stderr.strip().splitlines()[-1] == "[False, (True, True)]"


def test_the_python_api_leaves_the_collector_alone() -> None:
    code = (
        "import gc\nfrom pmladder import api\napi.load_knowledge_base()\nprint(gc.isenabled(), gc.get_freeze_count())"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["True", "0"]


def test_the_first_question_waits_for_no_yaml_rich_or_history() -> None:
    """A new questionnaire's draft is written at its first answer (YAML is imported while that
    question waits for it): with a warm cache, only Pydantic is loaded when the first question
    is asked. The prompt library is the terminal prompter's, replaced here by a script."""
    heavy_modules_after(run_entry_point(["roles", "--format", "json"]))  # the knowledge-base cache, warm
    code = f"""
import sys
from pmladder.cli import interview
from pmladder.cli.questions import Interrupted, ScriptedPrompter

def first(question):
    print(sorted({{m.split('.')[0] for m in sys.modules if m.split('.')[0] in {set(HEAVY)!r}}}))
    raise Interrupted()

interview.terminal_prompter = lambda: ScriptedPrompter(first)
from pmladder.cli.entry import main
sys.argv = ['pmladder', 'assess', '--role', 'head-of-product', '--no-save']
try:
    main()
except SystemExit as exc:
    assert exc.code == 130, exc.code
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert ast.literal_eval(done.stdout.strip().splitlines()[0]) == ["pydantic"]
    assert "nothing to keep" in done.stderr


def collector_states(args: list[str], watch: str) -> list[tuple[str, bool]]:
    """Run the console script's entry point on `args` in a fresh interpreter; return, in order,
    whether the garbage collector was running at points of interest: as the command's module
    is imported, as `watch` (a `pmladder.api` function) is called, and once `main` is done."""
    code = f"""
import gc, sys
from pmladder import api
from pmladder.cli import interview
from pmladder.cli.questions import Interrupted, ScriptedPrompter

seen = []
class Watch:  # a finder that finds nothing: it only notes the command's module being imported
    def find_spec(self, name, path=None, target=None):
        if name in ("pmladder.cli.explore", "pmladder.cli.assess"):
            seen.append(("import " + name.rsplit(".", 1)[1], gc.isenabled()))
sys.meta_path.insert(0, Watch())

original = getattr(api, {watch!r})
def watched(*args, **kwargs):
    seen.append(({watch!r}, gc.isenabled()))
    return original(*args, **kwargs)
setattr(api, {watch!r}, watched)

def first(question):
    seen.append(("first question", gc.isenabled() and gc.get_freeze_count() > 0))
    raise Interrupted()
interview.terminal_prompter = lambda: ScriptedPrompter(first)

from pmladder.cli.entry import main
sys.argv = ['pmladder', *{args!r}]
try:
    main()
except SystemExit:
    pass
seen.append(("after main", gc.isenabled()))
print(seen)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    states = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    assert isinstance(states, list)
    return [(str(point), bool(running)) for point, running in states]


def test_the_questionnaire_keeps_the_collector_paused_up_to_its_first_question() -> None:
    """A command runs with the collector from its start; `assess`, whose start-up goes on
    (the knowledge base, the prompt library), from its first question (start-up's objects
    frozen), or at once to score an answers file."""
    assert collector_states(["roles", "--format", "json"], "load_knowledge_base") == [
        ("import explore", False),
        ("load_knowledge_base", True),
        ("after main", True),
    ]
    assert collector_states(["assess", "--role", "head-of-product", "--no-save"], "load_knowledge_base") == [
        ("import assess", False),
        ("load_knowledge_base", False),
        ("first question", True),
        ("after main", True),
    ]
    example = str(Path(__file__).parents[1] / "examples" / "calibration" / "ada.yaml")
    assert collector_states(["assess", "--answers", example, "--no-save"], "read_answers") == [
        ("import assess", False),
        ("read_answers", True),
        ("after main", True),
    ]
