"""The values the bot API answers, as the client hands them to a bot."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, List, Literal, Optional, Tuple, TypedDict

if TYPE_CHECKING:  # typing.TypeGuard is Python 3.10+; mypy knows typing_extensions' on every version
    from typing_extensions import TypeGuard

Action = Literal["open", "increase", "reduce", "close", "cancel"]
Level = Literal["NORMAL", "ALERT", "THROTTLE", "HALT", "SHUTDOWN"]

ACTIONS: Tuple[Action, ...] = ("open", "increase", "reduce", "close", "cancel")
LEVELS: Tuple[Level, ...] = ("NORMAL", "ALERT", "THROTTLE", "HALT", "SHUTDOWN")
#: Actions that lower risk; `may_trade` lets them through when Haltwatch cannot be asked.
RISK_REDUCING = frozenset({"reduce", "close", "cancel"})
#: The reason codes Haltwatch answers today. A newer Haltwatch may add codes: compare, don't enumerate.
GATE_REASONS: Tuple[str, ...] = (
    "LEVEL_ALERT",
    "LEVEL_THROTTLE",
    "LEVEL_HALT",
    "LEVEL_SHUTDOWN",
    "OVERRIDE_ACTIVE",
    "CONFIDENCE_REQUIRED",
    "CONFIDENCE_BELOW_MIN",
    "SIZE_REDUCED",
    "INVALID_REQUEST",
)
SIZE_MULTIPLIERS: Tuple[float, ...] = (1, 0.5, 0)
#: A heartbeat (service) name: letters, digits, space, `_ . -`, starting with a letter or digit.
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]*$")
NAME_MAX_LENGTH = 64
MAX_SAFE_INTEGER = 2**53 - 1


def is_number(value: object) -> TypeGuard[float]:
    """A JSON number (a bool is an int in Python, never a number in JSON)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _problem(body: Any) -> Optional[str]:
    if not isinstance(body, dict):
        return f"expected an object, got {type(body).__name__}"
    problems: List[str] = []

    def check(field: str, ok: bool, expected: str) -> None:
        if not ok:
            got = repr(body[field]) if field in body else "nothing"
            problems.append(f"{field}: expected {expected}, got {got}")

    def whole(value: object) -> bool:
        return is_number(value) and float(value).is_integer() and abs(value) <= MAX_SAFE_INTEGER

    check("allowed", isinstance(body.get("allowed"), bool), "a boolean")
    check("level", body.get("level") in LEVELS, f"one of {', '.join(LEVELS)}")
    multiplier = body.get("sizeMultiplier")
    check("sizeMultiplier", is_number(multiplier) and multiplier in SIZE_MULTIPLIERS, "1, 0.5 or 0")
    minimum = body.get("minConfidence", ...)
    check("minConfidence", minimum is None or is_number(minimum), "a number or null")
    reasons = body.get("reasons")
    check(
        "reasons",
        isinstance(reasons, list) and all(isinstance(r, str) for r in reasons),
        "a list of strings",
    )
    until = body.get("until", ...)
    check("until", until is None or whole(until), "a whole number or null")
    check("flatten", isinstance(body.get("flatten"), bool), "a boolean")
    return "; ".join(problems) or None


@dataclass(frozen=True)
class GateAnswer:
    """The gate's answer for one order."""

    allowed: bool
    level: Level
    #: Factor for this action's quantity: opens 1 / 0.5 (THROTTLE) / 0; allowed reduce, close, cancel 1.
    size_multiplier: float
    #: THROTTLE: the confidence opens and increases need; None otherwise.
    min_confidence: Optional[float]
    #: Stable codes such as LEVEL_HALT or CONFIDENCE_REQUIRED (see GATE_REASONS).
    reasons: Tuple[str, ...]
    #: The earliest time (UTC epoch ms) the level may step down; None if unknown.
    until: Optional[int]
    #: HALT with flattenOnHalt: close what is open.
    flatten: bool

    @staticmethod
    def problem_with(body: Any) -> Optional[str]:
        """Why `body` is not a gate answer, or None when it is one. Whatever answers on the port (another
        server, a proxy) must not turn `{"allowed":"false"}` or `{}` into an order."""
        problem = _problem(body)
        return None if problem is None else f"not a gate answer: {problem}"

    @classmethod
    def from_json(cls, body: Dict[str, Any]) -> GateAnswer:
        """The answer from a body `problem_with` found nothing wrong with."""
        until = body["until"]
        return cls(
            allowed=body["allowed"],
            level=body["level"],
            size_multiplier=body["sizeMultiplier"],
            min_confidence=body["minConfidence"],
            reasons=tuple(body["reasons"]),
            until=None if until is None else int(until),
            flatten=body["flatten"],
        )


@dataclass(frozen=True)
class Issue:
    """A signal that crossed a threshold: `value` and `threshold` in the signal's unit."""

    at: int
    signal: str
    value: Any
    threshold: Any
    level: Level
    service: Optional[str] = None

    @classmethod
    def from_json(cls, body: Dict[str, Any]) -> Issue:
        return cls(
            at=body["at"],
            signal=body["signal"],
            value=body["value"],
            threshold=body["threshold"],
            level=body["level"],
            service=body.get("service"),
        )


@dataclass(frozen=True)
class Heartbeat:
    """A beat as recorded: the name and the server's time (UTC epoch ms)."""

    name: str
    at: int


@dataclass(frozen=True)
class FieldIssue:
    """One bad field of a refused request, e.g. path `reports[3].expectedPrice`."""

    path: str
    message: str


class LevelOverride(TypedDict):
    enabled: bool
    reason: str
    actor: str
    since: int


class LevelStatus(TypedDict):
    """What an override answers: the level status after it, as the server sent it."""

    level: Level
    since: int
    cause: Optional[Dict[str, Any]]
    override: Optional[LevelOverride]
    awaitingConfirmation: bool
    nextStepDownAt: Optional[int]
    desired: Level
    thresholdsPreset: str


class ServiceStatus(TypedDict):
    name: str
    kind: str
    criticality: str
    breaker: Dict[str, Any]
    last: Optional[Dict[str, Any]]


class EngineStatus(TypedDict):
    """The whole engine status as the server sent it (camelCase keys, as in the README)."""

    level: Level
    levelSince: int
    cause: Optional[Dict[str, Any]]
    desiredLevel: Level
    override: Optional[LevelOverride]
    awaitingConfirmation: bool
    nextStepDownAt: Optional[int]
    services: List[ServiceStatus]
    lastCheck: Optional[Dict[str, Any]]
    checkRunning: bool
    nextCheck: Optional[Dict[str, Any]]
    lastMissed: Optional[Dict[str, Any]]
    problems: List[Dict[str, Any]]
    history: Dict[str, Any]
