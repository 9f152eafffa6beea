"""Each API call as data (method, path, query, body, how to read the answer), shared by the sync and
async clients so both send and read exactly the same thing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, Dict, Generic, List, Optional, Sequence, TypeVar
from urllib.parse import quote

from ._errors import HaltwatchApiError
from ._models import EngineStatus, FieldIssue, GateAnswer, Heartbeat, Issue, LevelStatus
from .reports import BaseReport

T = TypeVar("T")


@dataclass(frozen=True)
class Call(Generic[T]):
    method: str
    path: str
    params: Optional[Dict[str, str]]
    body: Optional[bytes]
    #: The result from a 2xx body, or a ValueError/KeyError/TypeError saying what is wrong with it.
    read: Callable[[Any], T]


def _json_body(body: Any) -> bytes:
    try:
        return json.dumps(body, allow_nan=False, separators=(",", ":")).encode()
    except ValueError as error:  # NaN or infinity: JSON has no such number
        raise ValueError(f"not JSON: {error}") from None


def gate(
    action: str, symbol: Optional[str], confidence: Optional[float], quantity: Optional[float]
) -> Call[GateAnswer]:
    asked = {"action": action, "symbol": symbol, "confidence": confidence, "quantity": quantity}
    params = {name: str(value) for name, value in asked.items() if value is not None}

    def read(body: Any) -> GateAnswer:
        problem = GateAnswer.problem_with(body)
        if problem:
            raise ValueError(problem)
        return GateAnswer.from_json(body)

    return Call("GET", "/v1/gate", params, None, read)


def reports(batch: Sequence[BaseReport]) -> Call[int]:
    """One report or a batch (at most 1000). A batch with a bad item is rejected whole."""
    items = [report.to_json() for report in batch]
    return Call(
        "POST", "/v1/reports", None, _json_body({"reports": items}), lambda body: int(body["accepted"])
    )


def heartbeat(name: str) -> Call[Heartbeat]:
    return Call(
        "POST",
        f"/v1/heartbeats/{quote(name, safe='')}",
        None,
        None,
        lambda body: Heartbeat(name=str(body["name"]), at=int(body["at"])),
    )


def _object(body: Any) -> Any:
    if not isinstance(body, dict):
        raise ValueError(f"expected an object, got {type(body).__name__}")
    return body


def status() -> Call[EngineStatus]:
    return Call("GET", "/v1/status", None, None, _object)


def issues(minutes: int) -> Call[List[Issue]]:
    def read(body: Any) -> List[Issue]:
        if not isinstance(body, list):
            raise ValueError(f"expected a list, got {type(body).__name__}")
        return [Issue.from_json(item) for item in body]

    return Call("GET", "/v1/issues", {"minutes": str(minutes)}, None, read)


def override(enabled: bool, reason: str) -> Call[LevelStatus]:
    return Call("POST", "/v1/override", None, _json_body({"enabled": enabled, "reason": reason}), _object)


def answer(call: Call[T], status_code: int, text: str) -> T:
    """What `call` answers given the response, or the HaltwatchApiError it stands for."""
    try:
        parsed = None if text == "" else json.loads(text)
    except ValueError:
        raise HaltwatchApiError(status_code, "invalid_response", f"not JSON: {text[:200]}") from None
    if not 200 <= status_code < 300:
        error = parsed.get("error") if isinstance(parsed, dict) else None
        error = error if isinstance(error, dict) else {}
        issues = error.get("issues")
        raise HaltwatchApiError(
            status_code,
            str(error.get("code") or "http_error"),
            str(error.get("message") or f"HTTP {status_code}"),
            [_field_issue(issue) for issue in issues] if isinstance(issues, list) else [],
        )
    try:
        return call.read(parsed)
    except (ValueError, KeyError, TypeError, AttributeError) as problem:
        message = str(problem) if isinstance(problem, ValueError) else f"unexpected answer: {problem!r}"
        raise HaltwatchApiError(status_code, "invalid_response", message) from None


def _field_issue(issue: Any) -> FieldIssue:
    if not isinstance(issue, dict):
        return FieldIssue(path="", message=str(issue))
    return FieldIssue(path=str(issue.get("path", "")), message=str(issue.get("message", "")))
