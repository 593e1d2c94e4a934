"""What a snippet's run leaves: its output, its figures and the values it exports.

A ``Result`` is stored as JSON in the cache, so exported values are kept as
plain JSON values (``plain``), tuples included, and given back as they were
(``unplain``) when a page quotes one.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


class SnippetError(Exception):
    """A snippet failed; the message starts with file:line."""


@dataclass
class Figure:
    svg: str
    alt: str
    caption: str | None
    width: int  # px at 96 dpi
    height: int


@dataclass
class Result:
    path: str  # relative to the repository root
    stdout: str
    figures: list[Figure] = field(default_factory=list)
    values: dict = field(default_factory=dict)
    seconds: float = 0.0

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "Result":
        data = json.loads(text)
        data["figures"] = [Figure(**f) for f in data["figures"]]
        return cls(**data)


def plain(value):
    """A JSON-safe copy of a simple value, or None when it is not simple."""
    import numpy as np

    if isinstance(value, (bool, str)) or value is None:
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, (tuple, list)) and len(value) <= 64:
        items = [plain(v) for v in value]
        if all(i is not None or v is None for i, v in zip(items, value)):
            return items if isinstance(value, list) else {"__tuple__": items}
    if isinstance(value, dict) and len(value) <= 64 and all(isinstance(k, str) for k in value):
        items = {k: plain(v) for k, v in value.items()}
        if all(items[k] is not None or value[k] is None for k in value):
            return items
    return None


def unplain(value):
    """Undo plain's tuple wrapping."""
    if isinstance(value, dict):
        if set(value) == {"__tuple__"}:
            return tuple(unplain(v) for v in value["__tuple__"])
        return {k: unplain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unplain(v) for v in value]
    return value


def exported(namespace: dict, name: str) -> dict:
    """The values a snippet lists in ``__all__``, made JSON-safe; a name it cannot export is an error."""
    names = namespace.get("__all__", [])
    if isinstance(names, str) or not all(isinstance(n, str) for n in names):
        raise SnippetError(f"{name}: __all__ must be a list of names")
    values = {}
    for key in names:
        if key not in namespace:
            raise SnippetError(f"{name}: __all__ lists '{key}', which the snippet never sets")
        value = plain(namespace[key])
        if value is None and namespace[key] is not None:
            raise SnippetError(f"{name}: __all__ lists '{key}', which is not a simple value "
                               f"(a number, string, bool, or short list, tuple or dict of them)")
        values[key] = value
    return values
