"""How a heartbeat loop logs; shared by the thread and the asyncio task."""

from __future__ import annotations

from ._errors import HaltwatchError
from ._guard import log
from ._models import NAME_MAX_LENGTH, NAME_PATTERN


def checked_beat(name: str, seconds: float) -> None:
    """A loop that can never beat would go unnoticed until the dead man's switch fires: fail now."""
    if not isinstance(name, str) or len(name) > NAME_MAX_LENGTH or not NAME_PATTERN.match(name):
        raise ValueError(
            f"name: a heartbeat name, 1 to {NAME_MAX_LENGTH} letters, digits, spaces or _ . -,"
            f" starting with a letter or digit; got {name!r}"
        )
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not 0 < seconds <= 86_400:
        raise ValueError(f"seconds: more than 0 and at most 86400; got {seconds!r}")


def beat_missed(name: str, error: HaltwatchError) -> None:
    # Not raised: a missed beat is what the dead man's switch is there to notice.
    log.warning("haltwatch: heartbeat %r not recorded (%s)", name, error)
