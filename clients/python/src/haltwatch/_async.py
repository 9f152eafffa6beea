"""The client for an asyncio bot: the same calls as `Haltwatch`, awaited."""

from __future__ import annotations

import asyncio
import functools
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any, Awaitable, Callable, List, Optional, Sequence, Tuple, Type, TypeVar

import httpx

from . import _calls
from ._calls import Call
from ._errors import HaltwatchError
from ._guard import Permit, outcome_reports, permit_for, report_lost, unanswered
from ._heartbeat import beat_missed, checked_beat
from ._models import Action, EngineStatus, GateAnswer, Heartbeat, Issue, LevelStatus
from ._options import DEFAULT_TIMEOUT, checked_options
from ._reporting import ReportHelpers
from ._sync import JSON_HEADERS, unavailable
from .reports import BaseReport

if TYPE_CHECKING:  # ParamSpec and Concatenate are in typing from Python 3.10 only
    from typing_extensions import Concatenate, ParamSpec

    P = ParamSpec("P")

T = TypeVar("T")


class AsyncHaltwatch(ReportHelpers[Awaitable[int]]):
    """`Haltwatch` for asyncio: every call is awaited (`await hw.gate("open", "AAPL")`); `aclose()` it
    (or use `async with`) when done. Options and rules are Haltwatch's."""

    def __init__(
        self,
        base_url: str,
        token: str,
        timeout: float = DEFAULT_TIMEOUT,
        *,
        transport: Optional[httpx.AsyncBaseTransport] = None,
    ) -> None:
        options = checked_options(base_url, token, timeout)
        self.base_url = options.base_url
        self.timeout = options.timeout
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            headers={"authorization": f"Bearer {token}"},
            timeout=self.timeout,
            transport=transport,
            trust_env=False,
        )

    def __repr__(self) -> str:
        return f"AsyncHaltwatch(base_url={self.base_url!r}, timeout={self.timeout:g})"

    async def __aenter__(self) -> AsyncHaltwatch:
        return self

    async def __aexit__(
        self, kind: Optional[Type[BaseException]], error: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _run(self, call: Call[T]) -> T:
        try:
            response = await self._http.request(
                call.method,
                call.path,
                params=call.params,
                content=call.body,
                headers=JSON_HEADERS if call.body is not None else None,
            )
        except httpx.RequestError as error:
            raise unavailable(self.base_url, self.timeout, error) from None
        return _calls.answer(call, response.status_code, response.text)

    async def gate(
        self,
        action: Action,
        symbol: Optional[str] = None,
        confidence: Optional[float] = None,
        quantity: Optional[float] = None,
    ) -> GateAnswer:
        """See `Haltwatch.gate`."""
        return await self._run(_calls.gate(action, symbol, confidence, quantity))

    async def may_trade(
        self,
        action: Action,
        symbol: Optional[str] = None,
        confidence: Optional[float] = None,
        quantity: Optional[float] = None,
    ) -> bool:
        """True when the order may go out. When Haltwatch cannot answer (down, timeout, refused), fails
        closed for opens and increases and open for reduce, close and cancel, so risk can always come off."""
        try:
            return (await self.gate(action, symbol, confidence, quantity)).allowed
        except Exception as error:
            return unanswered(action, error)

    async def report_batch(self, reports: Sequence[BaseReport]) -> int:
        """See `Haltwatch.report_batch`."""
        return await self._run(_calls.reports(reports))

    async def heartbeat(self, name: str) -> Heartbeat:
        return await self._run(_calls.heartbeat(name))

    async def status(self) -> EngineStatus:
        return await self._run(_calls.status())

    async def issues(self, minutes: int = 5) -> List[Issue]:
        return await self._run(_calls.issues(minutes))

    async def override(self, enabled: bool, reason: str) -> LevelStatus:
        """See `Haltwatch.override`: lifting it needs a client made with the operator token."""
        return await self._run(_calls.override(enabled, reason))

    def heartbeat_every(self, name: str, seconds: float = 15) -> AsyncHeartbeatLoop:
        """`async with hw.heartbeat_every("my-bot"):` beats now and every `seconds` on an asyncio task."""
        checked_beat(name, seconds)
        return AsyncHeartbeatLoop(self, name, seconds)

    def guarded_order(
        self,
        action: Action,
        symbol: Optional[str] = None,
        *,
        confidence: Optional[float] = None,
        quantity: Optional[float] = None,
        service: Optional[str] = None,
    ) -> AsyncGuardedOrder:
        """See `Haltwatch.guarded_order`: `async with`, or a decorator of a coroutine function."""
        return AsyncGuardedOrder(self, action, symbol, confidence, quantity, service)


class AsyncHeartbeatLoop:
    """An asyncio task beating for one name; `await stop()` (or leaving `async with`) ends it."""

    def __init__(self, client: AsyncHaltwatch, name: str, seconds: float) -> None:
        self.name = name
        self.seconds = seconds
        self.beats = 0
        self.failures = 0
        self.last_error: Optional[HaltwatchError] = None
        self._client = client
        self._stopping: Optional[asyncio.Event] = None
        self._task: Optional[asyncio.Task[None]] = None

    async def _loop(self, stopping: asyncio.Event) -> None:
        while not stopping.is_set():
            try:
                await self._client.heartbeat(self.name)
                self.beats += 1
            except HaltwatchError as error:
                self.failures += 1
                self.last_error = error
                beat_missed(self.name, error)
            try:
                await asyncio.wait_for(stopping.wait(), self.seconds)
            except asyncio.TimeoutError:
                pass

    def start(self) -> AsyncHeartbeatLoop:
        # The event is made here, inside the running loop (Python 3.9 binds it to a loop when made).
        self._stopping = asyncio.Event()
        self._task = asyncio.get_running_loop().create_task(self._loop(self._stopping))
        return self

    async def stop(self) -> None:
        """Ends the loop, waiting for a beat in flight (at most the client's timeout)."""
        if self._stopping is None or self._task is None:
            return
        self._stopping.set()
        await self._task

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def __aenter__(self) -> AsyncHeartbeatLoop:
        return self.start()

    async def __aexit__(self, *exc: Any) -> None:
        await self.stop()


class AsyncGuardedOrder:
    """See `AsyncHaltwatch.guarded_order`."""

    def __init__(
        self,
        client: AsyncHaltwatch,
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

    def _again(self) -> AsyncGuardedOrder:
        return AsyncGuardedOrder(self._client, *self._ask, self._service)

    async def __aenter__(self) -> Permit:
        action, symbol, confidence, quantity = self._ask
        try:
            answer: Optional[GateAnswer] = await self._client.gate(action, symbol, confidence, quantity)
            error: Optional[Exception] = None
        except Exception as failure:
            answer, error = None, failure
        permit = permit_for(action, symbol, quantity, answer, error)
        self._open.append((permit, time.monotonic()))
        return permit

    async def __aexit__(self, kind: Optional[Type[BaseException]], error: Optional[BaseException], tb: Any) -> None:
        permit, started = self._open.pop()
        reports = outcome_reports(permit, started, error, self._service)
        try:
            if reports:
                await self._client.report_batch(reports)
        except HaltwatchError as lost:
            report_lost(lost)

    def __call__(self, fn: Callable[Concatenate[Permit, P], Awaitable[T]]) -> Callable[P, Awaitable[T]]:
        @functools.wraps(fn)
        async def guarded(*args: P.args, **kwargs: P.kwargs) -> T:
            async with self._again() as permit:  # a guard of its own: calls may overlap
                return await fn(permit, *args, **kwargs)

        return guarded
