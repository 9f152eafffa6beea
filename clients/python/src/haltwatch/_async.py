"""The client for an asyncio bot: the same calls as `Haltwatch`, awaited."""

from __future__ import annotations

import asyncio
import functools
from types import TracebackType
from typing import TYPE_CHECKING, Any, Awaitable, Callable, List, Optional, Sequence, Type, TypeVar

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


class AsyncHaltwatch(ClientBase[Awaitable[int]]):
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
        self._http = httpx.AsyncClient(**self._http_settings(base_url, token, timeout), transport=transport)

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
            response = await self._http.request(**self._request(call))
        except httpx.RequestError as error:
            raise self._unavailable(error) from None
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


class AsyncHeartbeatLoop(LoopBase[AsyncHaltwatch]):
    """An asyncio task beating for one name; `await stop()` (or leaving `async with`) ends it."""

    def __init__(self, client: AsyncHaltwatch, name: str, seconds: float) -> None:
        super().__init__(client, name, seconds)
        self._stopping: Optional[asyncio.Event] = None
        self._task: Optional[asyncio.Task[None]] = None

    async def _loop(self, stopping: asyncio.Event) -> None:
        while not stopping.is_set():
            try:
                await self._client.heartbeat(self.name)
                self.beats += 1
            except HaltwatchError as error:
                self._missed(error)
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


class AsyncGuardedOrder(GuardBase[AsyncHaltwatch]):
    """See `AsyncHaltwatch.guarded_order`."""

    async def __aenter__(self) -> Permit:
        action, symbol, confidence, quantity = self._ask
        try:
            answer = await self._client.gate(action, symbol, confidence, quantity)
        except Exception as error:  # as may_trade: no answer, whatever the reason
            return self._enter(None, error)
        return self._enter(answer, None)  # outside the try: a refusal is an answer

    async def __aexit__(
        self, kind: Optional[Type[BaseException]], error: Optional[BaseException], tb: Any
    ) -> None:
        reports = self._leave(error)
        try:
            if reports:
                await self._client.report_batch(reports)
        except HaltwatchError as lost:
            report_lost(lost)

    def __call__(self, fn: Callable[Concatenate[Permit, P], Awaitable[T]]) -> Callable[P, Awaitable[T]]:
        @functools.wraps(fn)
        async def guarded(*args: P.args, **kwargs: P.kwargs) -> T:
            async with self._again() as permit:
                return await fn(permit, *args, **kwargs)

        return guarded
