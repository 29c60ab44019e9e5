"""The real wheel, installed in a fresh venv, finds its knowledge base from any working directory.

An editable install reads the checkout's `data/`; only a built wheel proves `data/` is shipped.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import venv
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from pmladder import __version__
from pmladder.io.paths import bundled_kb_dir

REPO = Path(__file__).resolve().parents[1]


def bin_dir(env: Path) -> Path:
    return env / ("Scripts" if os.name == "nt" else "bin")


def call(argv: Sequence[str | Path], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    """Run a command with a plain environment (no PMLADDER_KB, no colour); fail loudly with its output."""
    env = {k: v for k, v in os.environ.items() if k not in ("PMLADDER_KB", "PYTHONPATH")}
    env |= {"NO_COLOR": "1", "COLUMNS": "120", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    done = subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{argv} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    call(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", out, REPO],
        cwd=out,
    )
    (built,) = out.glob("pmladder-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel and its dependencies from the index; returns its bin folder."""
    env = tmp_path_factory.mktemp("venv") / "env"
    venv.EnvBuilder(with_pip=True, clear=True).create(env)
    python = bin_dir(env) / "python"
    call([python, "-m", "pip", "install", "--quiet", wheel], cwd=env)
    return bin_dir(env)


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """An unrelated working directory: no data/ beside it, nothing of the checkout."""
    folder = tmp_path / "somewhere-else"
    folder.mkdir()
    return folder


def test_wheel_ships_the_knowledge_base(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert {"pmladder/data/roles.yaml", "pmladder/data/skills.yaml"} <= names
        assert "pmladder/cli/app.py" in names
        assert archive.read("pmladder/data/roles.yaml") == (REPO / "data" / "roles.yaml").read_bytes()
        assert archive.read("pmladder/data/skills.yaml") == (REPO / "data" / "skills.yaml").read_bytes()
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        assert re.search(r"^pmladder = pmladder(\.\w+)*:\w+$", archive.read(entry_points).decode(), re.MULTILINE)


def test_wheel_ships_the_report_templates(wheel: Path) -> None:
    """HTML reports are rendered from templates that are package data, not Python modules."""
    templates = REPO / "src" / "pmladder" / "reports" / "templates"
    with zipfile.ZipFile(wheel) as archive:
        for template in templates.iterdir():
            assert archive.read(f"pmladder/reports/templates/{template.name}") == template.read_bytes()


def test_installed_command_writes_an_html_report(installed: Path, elsewhere: Path) -> None:
    """From the installed wheel, with Jinja2 from the index: a whole page, its radar drawn."""
    roles = json.loads(call([installed / "pmladder", "roles", "--format", "json"], cwd=elsewhere).stdout)
    target = roles["roles"][0]
    answers = elsewhere / "ada.yaml"
    skill = target["requirements"][0]["skill"]
    answers.write_text(f"name: Ada\ntarget_role: {target['id']}\nratings: {{{skill}: 2}}\n", encoding="utf-8")
    done = call([installed / "pmladder", "assess", "--answers", answers, "-o", "report.html"], cwd=elsewhere)
    assert done.stderr.startswith("wrote report.html\n")
    page = (elsewhere / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert f"<title>Ada: {target['name']} · pmladder</title>" in page
    assert page.count("<svg") == 1 and 'class="unknown"' in page


def test_installed_command_lists_roles_from_another_folder(installed: Path, elsewhere: Path) -> None:
    done = call([installed / "pmladder", "roles"], cwd=elsewhere)
    assert "Head of Product" in done.stdout
    assert "Associate Product Manager" in done.stdout  # COLUMNS=120: no name is wrapped
    assert done.stderr == ""


def test_installed_command_reads_the_packaged_data(installed: Path, elsewhere: Path) -> None:
    """Not the checkout's data/: the installed package's own copy."""
    code = "from pmladder.io.paths import bundled_kb_dir; print(bundled_kb_dir())"
    folder = Path(call([installed / "python", "-c", code], cwd=elsewhere).stdout.strip())
    assert folder.parts[-2:] == ("pmladder", "data")
    assert not folder.is_relative_to(REPO)
    done = call([installed / "pmladder", "kb", "validate"], cwd=elsewhere)
    assert "ok: 9 roles" in done.stdout


def test_installed_version(installed: Path, elsewhere: Path) -> None:
    done = call([installed / "pmladder", "--version"], cwd=elsewhere)
    assert done.stdout == f"pmladder {__version__}\n"


def test_python_m_pmladder_version(installed: Path, elsewhere: Path) -> None:
    done = call([installed / "python", "-m", "pmladder", "--version"], cwd=elsewhere)
    assert done.stdout == f"pmladder {__version__}\n"


def test_editable_install_reads_the_checkout() -> None:
    """The dev install has no packaged data/, so it must fall back to the checkout's folder."""
    assert bundled_kb_dir() == REPO / "data"
