"""Where things live: the bundled knowledge base and the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "PMLADDER_HOME"
KB_ENV = "PMLADDER_KB"


def bundled_kb_dir() -> Path:
    """The knowledge base shipped with pmladder.

    In a wheel, `data/` is packaged as `pmladder/data`; an editable install has no such
    folder, so it reads the checkout's top-level `data/`: the same files either way.
    """
    package = Path(__file__).resolve().parents[1]
    packaged = package / "data"
    if (packaged / "roles.yaml").is_file():
        return packaged
    return package.parents[1] / "data"


def home() -> Path:
    """The user's pmladder folder: `$PMLADDER_HOME`, else the platform's user data folder."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs  # only the commands that keep user data pay for it

    return platformdirs.user_data_path("pmladder", appauthor=False)


def drafts_dir() -> Path:
    """Unfinished questionnaires, kept so an interruption loses nothing."""
    return home() / "drafts"


def assessments_dir() -> Path:
    """Finished answers files written by `pmladder assess`."""
    return home() / "assessments"


def history_db() -> Path:
    """The history database: every completed assessment, for `pmladder history`, `diff` and `progress`."""
    return home() / "history.sqlite3"
