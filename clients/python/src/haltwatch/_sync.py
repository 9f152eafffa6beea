"""The client for a bot that runs plain (threaded) Python."""

from __future__ import annotations

import functools
import threading
from types import TracebackType
from typing import TYPE_CHECKING, Any, Callable, List, Optional, Sequence, Type, TypeVar

import httpx

from . import _calls
from ._base import ClientBase, GuardBase, LoopBase
from ._calls import Call
from ._errors import HaltwatchError
from ._guard import Permit, report_lost, unanswered
from ._models import Action, EngineStatus, GateAnswer, Heartbeat, Issue, LevelStatus
from ._options import DEFAULT_TIMEOUT
from .reports import BaseReport

if TYPE_CHECKING:  # ParamSpec and Concatenate are in typing from Python 3.10 only
    from typing_extensions import Concatenate, ParamSpec

    P = ParamSpec("P")

T = TypeVar("T")


class Haltwatch(ClientBase[int]):
    """A client for the bot API: `Haltwatch("http://127.0.0.1:17321", token)`. One connection is kept
    and reused; `close()` it (or use `with`) when done. `timeout` is in seconds (default 2) for each
    step of a request (connecting, sending, each read). Wrong options raise a ValueError naming the
    field. No proxy from the environment is used: the token goes to `base_url` only."""

    def __init__(
        self,
        base_url: str,
        token: str,
        timeout: float = DEFAULT_TIMEOUT,
        *,
        transport: Optional[httpx.BaseTransport] = None,
    ) -> None:
        self._http = httpx.Client(**self._http_settings(base_url, token, timeout), transport=transport)

    def __enter__(self) -> Haltwatch:
        return self

    def __exit__(
        self, kind: Optional[Type[BaseException]], error: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def _run(self, call: Call[T]) -> T:
        try:
            response = self._http.request(**self._request(call))
        except httpx.RequestError as error:
            raise self._unavailable(error) from None
        return _calls.answer(call, response.status_code, response.text)

    def gate(
        self,
        action: Action,
        symbol: Optional[str] = None,
        confidence: Optional[float] = None,
        quantity: Optional[float] = None,
    ) -> GateAnswer:
        """The gate's answer for one order. Raises on any error, and on a body that is not a gate answer
        (code `invalid_response`): treat that as "not allowed"."""
        return self._run(_calls.gate(action, symbol, confidence, quantity))

    def may_trade(
        self,
        action: Action,
        symbol: Optional[str] = None,
        confidence: Optional[float] = None,
        quantity: Optional[float] = None,
    ) -> bool:
        """True when the order may go out. When Haltwatch cannot answer (down, timeout, refused), fails
        closed for opens and increases and open for reduce, close and cancel, so risk can always come off."""
        try:
            return self.gate(action, symbol, confidence, quantity).allowed
        except Exception as error:
            return unanswered(action, error)

    def report_batch(self, reports: Sequence[BaseReport]) -> int:
        """Sends 1 to 1000 reports; the number accepted. A batch with a bad item is rejected whole
        (nothing is stored; the error names each bad item's index and field), so a retry never duplicates."""
        return self._run(_calls.reports(reports))

    def heartbeat(self, name: str) -> Heartbeat:
        """Records a beat for the heartbeat service `name` (the dead man's switch)."""
        return self._run(_calls.heartbeat(name))

    def status(self) -> EngineStatus:
        """The whole engine status: level, cause, breakers, override, next check."""
        return self._run(_calls.status())

    def issues(self, minutes: int = 5) -> List[Issue]:
        """Signals that crossed a threshold in the last `minutes` (1 to 10080), oldest first."""
        return self._run(_calls.issues(minutes))

    def override(self, enabled: bool, reason: str) -> LevelStatus:
        """`enabled=True` holds trading off whatever the signals say; the bot's token may do that.
        Lifting it (`enabled=False`) needs a client made with the operator token. `reason`: 3 to 500
        characters, kept in the audit log."""
        return self._run(_calls.override(enabled, reason))

    def heartbeat_every(self, name: str, seconds: float = 15) -> HeartbeatLoop:
        """Beats for `name` now and every `seconds` on a daemon thread while the `with` block runs."""
        return HeartbeatLoop(self, name, seconds)

    def guarded_order(
        self,
        action: Action,
        symbol: Optional[str] = None,
        *,
        confidence: Optional[float] = None,
        quantity: Optional[float] = None,
        service: Optional[str] = None,
    ) -> GuardedOrder:
        """Asks the gate on entry: `with hw.guarded_order("open", "AAPL", quantity=100) as permit:` sends
        `permit.quantity` (sized by the answer) or raises OrderRefused. On exit it reports the order's
        success or failure and the block's latency (for `service`). As a decorator, the function gets
        the permit as its first argument at each call."""
        return GuardedOrder(self, action, symbol, confidence, quantity, service)


class HeartbeatLoop(LoopBase[Haltwatch]):
    """A daemon thread beating for one name; `stop()` (or leaving the `with` block) ends it at once."""

    def __init__(self, client: Haltwatch, name: str, seconds: float) -> None:
        super().__init__(client, name, seconds)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=f"haltwatch-heartbeat-{name}", daemon=True)

    def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                self._client.heartbeat(self.name)
                self.beats += 1
            except HaltwatchError as error:
                self._missed(error)
            if self._stopping.wait(self.seconds):
                return

    def start(self) -> HeartbeatLoop:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Ends the loop, waiting at most for a beat in flight (the client's timeout)."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(self._client.timeout * 4 + 1)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def __enter__(self) -> HeartbeatLoop:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


class GuardedOrder(GuardBase[Haltwatch]):
    """See `Haltwatch.guarded_order`."""

    def __enter__(self) -> Permit:
        action, symbol, confidence, quantity = self._ask
        try:
            answer = self._client.gate(action, symbol, confidence, quantity)
        except Exception as error:  # as may_trade: no answer, whatever the reason
            return self._enter(None, error)
        return self._enter(answer, None)  # outside the try: a refusal is an answer

    def __exit__(self, kind: Optional[Type[BaseException]], error: Optional[BaseException], tb: Any) -> None:
        reports = self._leave(error)
        try:
            if reports:
                self._client.report_batch(reports)
        except HaltwatchError as lost:
            report_lost(lost)

    def __call__(self, fn: Callable[Concatenate[Permit, P], T]) -> Callable[P, T]:
        @functools.wraps(fn)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> T:
            with self._again() as permit:
                return fn(permit, *args, **kwargs)

        return guarded
