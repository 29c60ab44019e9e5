"""The cohort as JSON: a versioned contract for dashboards and scripts (never through Rich).

Keys come in a fixed order and people in file order, so the same inputs give the same
bytes; there is no timestamp. Each person, skill and workshop is one line: a diff of two
runs shows who changed, `grep` finds a person, and ten thousand people encode in C
(`json` falls back to pure Python as soon as it is asked to indent).
"""

from __future__ import annotations

import json
from typing import Any

from pmladder.cohort.aggregate import CohortResult
from pmladder.reports.json import json_safe


def _line(value: Any) -> str:
    return json_safe(json.dumps(value, ensure_ascii=False))


def dumps(body: dict[str, Any]) -> str:
    """JSON with two-space indentation down to the items of top-level lists, each on one line."""
    lines = ["{"]
    last = len(body) - 1
    for n, (key, value) in enumerate(body.items()):
        comma = "" if n == last else ","
        if isinstance(value, list) and value:
            lines.append(f"  {_line(key)}: [")
            lines += [f"    {_line(item)}," for item in value[:-1]]
            lines += [f"    {_line(value[-1])}", f"  ]{comma}"]
        else:
            text = json_safe(json.dumps(value, ensure_ascii=False, indent=2)).replace("\n", "\n  ")
            lines.append(f"  {_line(key)}: {text}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def cohort(result: CohortResult) -> str:
    return dumps(result.to_dict())
