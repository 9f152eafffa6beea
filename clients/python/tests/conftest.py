"""Fixtures: real `haltwatch serve` processes, and both clients behind one interface so that every
scenario runs against `Haltwatch` and `AsyncHaltwatch` alike."""

from __future__ import annotations

import asyncio
import secrets
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, cast

import pytest

from haltwatch import AsyncHaltwatch, Haltwatch
from servers import ServeProcess, SilentServer

StartServe = Callable[..., ServeProcess]
Connect = Callable[..., Haltwatch]


def new_token() -> str:
    return secrets.token_urlsafe(24)


@pytest.fixture
def start_serve(tmp_path: Path) -> Iterator[StartServe]:
    """Starts a fresh `haltwatch serve` (optionally with a services list); all stop after the test."""
    started: List[ServeProcess] = []

    def start(services: Optional[List[Dict[str, Any]]] = None) -> ServeProcess:
        server = ServeProcess(tmp_path / f"data-{len(started)}", new_token(), new_token(), services)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def shared_serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    """One server for the tests that leave the level and the override as they found them."""
    server = ServeProcess(tmp_path_factory.mktemp("shared"), new_token(), new_token(), None)
    yield server
    server.stop()


@pytest.fixture
def silent_server() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.close()


class BlockingAsync:
    """An AsyncHaltwatch whose calls each run to completion on a loop of its own, so that the scenarios
    written against `Haltwatch` drive the async client through the same steps."""

    def __init__(self, client: AsyncHaltwatch, loop: asyncio.AbstractEventLoop) -> None:
        self._client = client
        self._loop = loop

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def call(*args: Any, **kwargs: Any) -> Any:
            result = attribute(*args, **kwargs)
            return self._loop.run_until_complete(result) if asyncio.iscoroutine(result) else result

        return call


@pytest.fixture(params=["sync", "async"])
def connect(request: pytest.FixtureRequest) -> Iterator[Connect]:
    """`connect(url, token, timeout=…)` makes a client of this run's kind; all are closed after the test."""
    loop = asyncio.new_event_loop()
    closers: List[Callable[[], None]] = []

    def make(url: str, token: str, timeout: float = 5.0) -> Haltwatch:
        if request.param == "sync":
            client = Haltwatch(url, token, timeout=timeout)
            closers.append(client.close)
            return client
        async_client = AsyncHaltwatch(url, token, timeout=timeout)
        closers.append(lambda: loop.run_until_complete(async_client.aclose()))
        return cast(Haltwatch, BlockingAsync(async_client, loop))

    yield make
    for close in closers:
        close()
    loop.close()
