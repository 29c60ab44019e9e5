"""Shared fixtures: a CLI runner, the knowledge bases, and a private PMLADDER_HOME per test."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from pmladder.cli.app import app
from pmladder.io.paths import bundled_kb_dir
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.load import load_knowledge_base

FIXTURES = Path(__file__).parent / "fixtures"
SMALL_KB = FIXTURES / "small"


@pytest.fixture(autouse=True)
def pmladder_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user-data folder and a clean environment."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PMLADDER_HOME", str(home))
    monkeypatch.delenv("PMLADDER_KB", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    return home


@pytest.fixture
def small_kb() -> KnowledgeBase:
    return load_knowledge_base(SMALL_KB)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The bundled knowledge base, loaded once."""
    return load_knowledge_base(bundled_kb_dir())


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled knowledge base, for breaking on purpose."""
    target = tmp_path / "kb"
    shutil.copytree(bundled_kb_dir(), target)
    return target


def run(args: Sequence[str], input: str | None = None) -> Result:
    """Invoke the CLI in-process, as typer's own tutorial tests do; stderr is kept apart."""
    return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)
