"""What the sync and async clients share: options, how a call becomes a request and an error, the
state of a heartbeat loop and of a guarded order. Each client adds only its own way of waiting."""

from __future__ import annotations

import time
from typing import Any, Dict, Generic, List, Optional, Tuple, TypeVar

import httpx

from ._calls import Call
from ._errors import HaltwatchError, HaltwatchUnavailable
from ._guard import Permit, outcome_reports, permit_for
from ._heartbeat import beat_missed, checked_beat
from ._models import Action, GateAnswer
from ._options import checked_options
from ._reporting import R, ReportHelpers
from .reports import BaseReport

C = TypeVar("C")
JSON_HEADERS = {"content-type": "application/json"}


class ClientBase(ReportHelpers[R]):
    base_url: str
    timeout: float

    def _http_settings(self, base_url: str, token: str, timeout: float) -> Dict[str, Any]:
        """Checks the options (ValueError naming the field) and gives the httpx client's settings. No
        proxy from the environment: the token goes to `base_url` only."""
        options = checked_options(base_url, token, timeout)
        self.base_url = options.base_url
        self.timeout = options.timeout
        return {
            "base_url": self.base_url,
            "headers": {"authorization": f"Bearer {token}"},
            "timeout": self.timeout,
            "trust_env": False,
        }

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, timeout={self.timeout:g})"

    @staticmethod
    def _request(call: Call[Any]) -> Dict[str, Any]:
        """The arguments of httpx's `request` for `call`."""
        return {
            "method": call.method,
            "url": call.path,
            "params": call.params,
            "content": call.body,
            "headers": JSON_HEADERS if call.body is not None else None,
        }

    def _unavailable(self, error: httpx.RequestError) -> HaltwatchUnavailable:
        """The transport's error without its request (which holds the token's header)."""
        if isinstance(error, httpx.TimeoutException):
            return HaltwatchUnavailable(
                f"no answer from Haltwatch at {self.base_url} within {self.timeout:g} s ({type(error).__name__})"
            )
        return HaltwatchUnavailable(
            f"cannot reach Haltwatch at {self.base_url}: {type(error).__name__}: {error}"
        )


class LoopBase(Generic[C]):
    """A heartbeat loop's count of beats and misses."""

    def __init__(self, client: C, name: str, seconds: float) -> None:
        checked_beat(name, seconds)
        self.name = name
        self.seconds = seconds
        self.beats = 0
        self.failures = 0
        self.last_error: Optional[HaltwatchError] = None
        self._client = client

    def _missed(self, error: HaltwatchError) -> None:
        self.failures += 1
        self.last_error = error
        beat_missed(self.name, error)


G = TypeVar("G", bound="GuardBase[Any]")


class GuardBase(Generic[C]):
    """A guarded order's question, and the permits of the blocks it is in."""

    def __init__(
        self,
        client: C,
        action: Action,
        symbol: Optional[str],
        confidence: Optional[float],
        quantity: Optional[float],
        service: Optional[str],
    ) -> None:
        self._client = client
        self._ask = (action, symbol, confidence, quantity)
        self._service = service
        self._open: List[Tuple[Permit, float]] = []

    def _again(self: G) -> G:
        """A guard of its own for one decorated call: calls may overlap."""
        return type(self)(self._client, *self._ask, self._service)

    def _enter(self, answer: Optional[GateAnswer], error: Optional[Exception]) -> Permit:
        action, symbol, _, quantity = self._ask
        permit = permit_for(action, symbol, quantity, answer, error)
        self._open.append((permit, time.monotonic()))
        return permit

    def _leave(self, error: Optional[BaseException]) -> List[BaseReport]:
        permit, started = self._open.pop()
        return outcome_reports(permit, started, error, self._service)
