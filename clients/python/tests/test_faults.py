"""When Haltwatch cannot answer (stopped, hanging, wrong token, something else on its port), opens and
increases are refused and reduce, close and cancel go through; the token shows up nowhere."""

from __future__ import annotations

import logging
import re
import time
from typing import Iterator

import pytest

from conftest import Connect, StartServe
from haltwatch import ACTIONS, Haltwatch, HaltwatchApiError, HaltwatchUnavailable
from servers import CountingProxy, FakeServer, ServeProcess, SilentServer

ALLOWED_WITHOUT_ANSWER = {"open": False, "increase": False, "reduce": True, "close": True, "cancel": True}
SLACK_S = 3.0  # what a loaded machine may add to a timeout


def without_answer(hw: Haltwatch) -> dict[str, bool]:
    return {action: hw.may_trade(action, "AAPL", confidence=0.9) for action in ACTIONS}


def test_a_stopped_haltwatch_refuses_opens_and_lets_risk_come_off(
    start_serve: StartServe, connect: Connect
) -> None:
    server = start_serve()
    hw = connect(server.url, server.token)
    assert hw.may_trade("open", "AAPL")
    server.stop()
    assert without_answer(hw) == ALLOWED_WITHOUT_ANSWER
    with pytest.raises(HaltwatchUnavailable, match=f"cannot reach Haltwatch at {server.url}"):
        hw.gate("open", "AAPL")


def test_a_haltwatch_that_hangs_is_given_up_on_after_the_timeout(
    silent_server: SilentServer, connect: Connect
) -> None:
    hw = connect(silent_server.url, "t" * 24, timeout=0.5)
    started = time.monotonic()
    assert not hw.may_trade("open", "AAPL")
    took = time.monotonic() - started
    assert 0.45 <= took < 0.5 + SLACK_S
    assert hw.may_trade("close", "AAPL")
    with pytest.raises(
        HaltwatchUnavailable, match=r"no answer from Haltwatch at .* within 0.5 s \(ReadTimeout\)"
    ):
        hw.gate("increase", "AAPL")


def test_a_wrong_token_is_a_401_and_refuses_opens(shared_serve: ServeProcess, connect: Connect) -> None:
    hw = connect(shared_serve.url, "not-the-token-" + "x" * 10)
    with pytest.raises(HaltwatchApiError) as refused:
        hw.gate("open", "AAPL")
    assert (refused.value.status, refused.value.code) == (401, "unauthorized")
    assert without_answer(hw) == ALLOWED_WITHOUT_ANSWER
    with pytest.raises(HaltwatchApiError) as also:
        hw.status()
    assert also.value.status == 401


@pytest.fixture(
    params=[
        (
            200,
            '{"allowed":"false","level":"NORMAL"}',
            "not a gate answer: allowed: expected a boolean, got 'false'",
        ),
        (200, "{}", "not a gate answer: allowed: expected a boolean, got nothing"),
        (200, "<html>proxy login</html>", "not JSON: <html>proxy login</html>"),
        (502, "", "HTTP 502"),
    ]
)
def impostor(request: pytest.FixtureRequest) -> Iterator[tuple[FakeServer, str]]:
    status, body, message = request.param
    server = FakeServer(status, body)
    yield server, message
    server.close()


def test_something_else_on_the_port_is_not_an_answer(
    impostor: tuple[FakeServer, str], connect: Connect
) -> None:
    server, message = impostor
    hw = connect(server.url, "t" * 24)
    with pytest.raises(HaltwatchApiError) as refused:
        hw.gate("open", "AAPL")
    assert refused.value.message.startswith(message)
    assert without_answer(hw) == ALLOWED_WITHOUT_ANSWER


def test_one_connection_is_kept_for_every_call(shared_serve: ServeProcess, connect: Connect) -> None:
    proxy = CountingProxy(shared_serve.port)
    try:
        hw = connect(proxy.url, shared_serve.token)
        for _ in range(20):
            assert hw.gate("reduce", "AAPL").allowed
        hw.heartbeat("reuse-check")
        hw.status()
        assert proxy.connections == 1
    finally:
        proxy.close()


def test_the_token_is_in_no_repr_log_or_error(
    start_serve: StartServe, connect: Connect, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # httpx and httpcore log each request at DEBUG
    server = start_serve()
    hw = connect(server.url, server.token)
    hw.gate("open", "AAPL")
    hw.heartbeat("my-bot")
    wrong = "wrong-" + server.token
    with pytest.raises(HaltwatchApiError) as refused:
        connect(server.url, wrong).gate("open", "AAPL")
    server.stop()
    with pytest.raises(HaltwatchUnavailable) as unreachable:
        hw.gate("open", "AAPL")
    assert not hw.may_trade("open", "AAPL")
    assert caplog.records  # the check below read something
    for token in (server.token, wrong):
        for text in (repr(hw), caplog.text, str(refused.value), repr(refused.value), str(unreachable.value)):
            assert token not in text
    assert unreachable.value.__cause__ is None and unreachable.value.__suppress_context__


def test_wrong_options_are_refused_naming_the_field() -> None:
    with pytest.raises(ValueError, match=r"^base_url: an http\(s\) URL .* got 'localhost:17321'"):
        Haltwatch("localhost:17321", "t" * 24)
    with pytest.raises(ValueError, match=re.escape("got 'http://127.0.0.1:1/?x=1'")):
        Haltwatch("http://127.0.0.1:1/?x=1", "t" * 24)
    with pytest.raises(ValueError, match=r"^token: .* got a string of length 10$"):
        Haltwatch("http://127.0.0.1:1", "secret tok")
    with pytest.raises(TypeError, match="^token: .* got NoneType$"):
        Haltwatch("http://127.0.0.1:1", None)  # type: ignore[arg-type]
    for timeout in (0, -1, 601, float("nan"), True):
        with pytest.raises(ValueError, match="^timeout: seconds, more than 0 and at most 600"):
            Haltwatch("http://127.0.0.1:1", "t" * 24, timeout=timeout)
    assert repr(Haltwatch("http://127.0.0.1:1/", "t" * 24, timeout=1.5)) == (
        "Haltwatch(base_url='http://127.0.0.1:1', timeout=1.5)"
    )
