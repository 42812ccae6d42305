"""What the settings models share: durations such as ``15m`` or ``1h30m``, and the strict base
model that refuses unknown keys."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError

__all__ = ["Duration", "StrictModel", "format_duration", "parse_duration"]

_DURATION = re.compile(
    r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?\s*$", re.IGNORECASE
)


def parse_duration(value: Any) -> Any:
    """``30s``, ``15m``, ``2h``, ``1d``, ``1h30m`` -> timedelta; timedeltas pass through."""
    if isinstance(value, timedelta):
        return value
    match = _DURATION.match(value) if isinstance(value, str) else None
    if match is None or not any(match.groups()):
        shown = json.dumps(value, default=str)
        raise PydanticCustomError(
            "duration", "{shown} is not a duration like 15m, 2h", {"shown": shown}
        )
    days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def format_duration(value: timedelta) -> str:
    """timedelta -> ``1h30m``, the form the config file uses."""
    seconds = int(value.total_seconds())
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if seconds >= size:
            parts.append(f"{seconds // size}{unit}")
            seconds %= size
    return "".join(parts) or "0s"


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]


class StrictModel(BaseModel):
    """A settings model: unknown keys are errors (a typo must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid")
