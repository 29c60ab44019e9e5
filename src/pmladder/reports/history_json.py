"""History, diff and progress as JSON: each view's `to_dict()`, the documented contract."""

from __future__ import annotations

from pmladder.history.diff import Diff
from pmladder.history.progress import Progress
from pmladder.history.views import HistoryView, StoredReport
from pmladder.reports.json import dumps


def history(view: HistoryView) -> str:
    return dumps(view.to_dict())


def stored(view: StoredReport) -> str:
    return dumps(view.to_dict())


def diff(view: Diff) -> str:
    return dumps(view.to_dict())


def progress(view: Progress) -> str:
    return dumps(view.to_dict())
