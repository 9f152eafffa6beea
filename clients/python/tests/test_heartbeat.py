"""Heartbeats keep a heartbeat service healthy; when they stop, its breaker opens and trading halts."""

from __future__ import annotations

import asyncio
import time
from typing import Any, Dict, List

import pytest

from conftest import Connect, StartServe
from haltwatch import AsyncHaltwatch, Haltwatch, HaltwatchApiError
from servers import ServeProcess, SilentServer

BOT = {
    "name": "py-bot",
    "kind": "heartbeat",
    "graceSeconds": 2,
    "criticality": "critical",
    "breaker": {"failureThreshold": 1},
}
HEALTHY_FOR_S = 3.5  # longer than the grace: only beats that keep coming keep it healthy
SILENCE_LIMIT_S = 30.0


def bot_result(run: Dict[str, Any]) -> Dict[str, Any]:
    found: List[Dict[str, Any]] = [r for r in run["results"] if r["service"] == "py-bot"]
    assert len(found) == 1, run
    return found[0]


def assert_healthy_while_beating(server: ServeProcess) -> None:
    deadline = time.monotonic() + HEALTHY_FOR_S
    while time.monotonic() < deadline:
        result = bot_result(server.run_check())
        assert result["ok"], result
        assert "lastHeartbeatAt" in result["details"], result  # a beat was seen, not "waiting for the first"
        time.sleep(0.3)


def assert_fails_once_silent(server: ServeProcess, hw: Haltwatch) -> None:
    deadline = time.monotonic() + SILENCE_LIMIT_S
    while time.monotonic() < deadline:
        result = bot_result(server.run_check())
        if not result["ok"]:
            assert "no heartbeat from" in result["reason"]
            break
        time.sleep(0.3)
    else:
        raise AssertionError(f"py-bot still healthy {SILENCE_LIMIT_S:g} s after the beats stopped")
    [service] = [s for s in hw.status()["services"] if s["name"] == "py-bot"]
    assert service["breaker"]["state"] == "OPEN"
    assert hw.gate("open", "AAPL").level == "HALT"


def test_a_beating_bot_stays_healthy_and_a_silent_one_halts_trading(start_serve: StartServe) -> None:
    server = start_serve([BOT])
    with Haltwatch(server.url, server.token) as hw:
        with hw.heartbeat_every("py-bot", seconds=0.2) as loop:
            assert_healthy_while_beating(server)
            assert hw.gate("open", "AAPL").level == "NORMAL"
        assert not loop.running and loop.failures == 0 and loop.beats >= HEALTHY_FOR_S / 0.2 / 2
        beats = loop.beats
        assert_fails_once_silent(server, hw)
        assert loop.beats == beats


@pytest.mark.asyncio
async def test_the_async_loop_keeps_it_healthy_too(start_serve: StartServe) -> None:
    server = await asyncio.to_thread(start_serve, [BOT])
    async with AsyncHaltwatch(server.url, server.token) as hw:
        async with hw.heartbeat_every("py-bot", seconds=0.2) as loop:
            await asyncio.to_thread(assert_healthy_while_beating, server)
        assert not loop.running and loop.failures == 0 and loop.beats >= HEALTHY_FOR_S / 0.2 / 2
    with Haltwatch(server.url, server.token) as sync_hw:
        await asyncio.to_thread(assert_fails_once_silent, server, sync_hw)


def test_a_beat_answers_its_name_and_time(shared_serve: ServeProcess, connect: Connect) -> None:
    hw = connect(shared_serve.url, shared_serve.token)
    before = int(time.time() * 1000)
    beat = hw.heartbeat("my bot.1")
    assert beat.name == "my bot.1" and before - 5000 <= beat.at <= before + 60_000
    with pytest.raises(HaltwatchApiError) as refused:
        hw.heartbeat("-not a name")
    assert (refused.value.status, refused.value.code) == (400, "invalid_input")


def test_a_loop_that_could_never_beat_is_refused_at_once(shared_serve: ServeProcess) -> None:
    with Haltwatch(shared_serve.url, shared_serve.token) as hw:
        with pytest.raises(ValueError, match="name: a heartbeat name"):
            hw.heartbeat_every("my/bot")
        with pytest.raises(ValueError, match="seconds: more than 0"):
            hw.heartbeat_every("my-bot", seconds=0)


def test_missed_beats_are_counted_and_logged_and_stop_is_prompt(
    silent_server: SilentServer, caplog: pytest.LogCaptureFixture
) -> None:
    with Haltwatch(silent_server.url, "t" * 24, timeout=0.3) as hw:
        with hw.heartbeat_every("my-bot", seconds=0.05) as loop:
            deadline = time.monotonic() + 10
            while loop.failures < 2 and time.monotonic() < deadline:
                time.sleep(0.05)
            stopping = time.monotonic()
        assert time.monotonic() - stopping < 0.3 + 1.0  # at most the beat in flight
    assert loop.failures >= 2 and loop.beats == 0 and not loop.running
    assert "heartbeat 'my-bot' not recorded (no answer from Haltwatch" in caplog.text
