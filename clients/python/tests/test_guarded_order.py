"""guarded_order: asks the gate, sizes the order, reports how it went; refuses what the gate refuses."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

import pytest

from conftest import StartServe
from haltwatch import AsyncHaltwatch, Haltwatch, OrderFailure, OrderRefused, Permit, Slippage
from servers import SilentServer
from test_reports import stored_reports

THROTTLING_SLIP = Slippage(expected_price=100, actual_price=100.35)  # 0.35 %: THROTTLE
HALTING_STREAK = [OrderFailure(reason="rejected")] * 5  # five failures in a row: HALT


def outcome(stored: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The reports a guarded order sent, the latency's ms left out (it is measured)."""
    return [{k: v for k, v in report.items() if k != "ms"} for report in stored]


def test_an_allowed_order_is_sized_and_its_success_reported(start_serve: StartServe) -> None:
    server = start_serve()
    with Haltwatch(server.url, server.token) as hw:
        hw.report(THROTTLING_SLIP)
        with hw.guarded_order("open", "AAPL", confidence=0.8, quantity=100, service="broker") as permit:
            assert permit.quantity == 50 and permit.answer is not None and permit.answer.level == "THROTTLE"
            permit.order_id = "o-1"
    stored = stored_reports(server.data_dir)[1:]
    assert outcome(stored) == [
        {"type": "order_success", "symbol": "AAPL", "orderId": "o-1"},
        {"type": "latency", "service": "broker"},
    ]
    assert 0 <= stored[1]["ms"] < 5000


def test_a_failing_order_is_reported_and_its_error_raised(start_serve: StartServe) -> None:
    server = start_serve()
    with Haltwatch(server.url, server.token) as hw:
        with pytest.raises(ConnectionError, match="broker down"):
            with hw.guarded_order("open", "MSFT", quantity=3):
                raise ConnectionError("broker down")
    assert outcome(stored_reports(server.data_dir)) == [
        {"type": "order_failure", "symbol": "MSFT", "reason": "ConnectionError: broker down"},
        {"type": "latency"},
    ]


def test_a_refused_order_never_runs_and_nothing_is_reported(start_serve: StartServe) -> None:
    server = start_serve()
    ran: List[str] = []
    with Haltwatch(server.url, server.token) as hw:
        hw.report_batch(HALTING_STREAK)

        @hw.guarded_order("increase", "AAPL", confidence=1, quantity=10)
        def buy(permit: Permit, note: str) -> str:
            ran.append(note)
            return "sent"

        with pytest.raises(OrderRefused, match="increase AAPL refused: LEVEL_HALT") as refused:
            buy("more")
        assert refused.value.answer is not None and refused.value.answer.level == "HALT"

        @hw.guarded_order("close", "AAPL", quantity=10)
        def sell(permit: Permit, note: str) -> str:
            ran.append(f"{note} {permit.quantity:g}")
            return "sent"

        assert sell("all") == "sent"
        hw.critical_error("the position book is corrupt")
        with pytest.raises(OrderRefused, match="close AAPL refused: LEVEL_SHUTDOWN") as shut:
            sell("again")  # an answer is followed, also a no: the fail-open rule is for no answer
        assert shut.value.answer is not None and shut.value.cause is None
    assert ran == ["all 10"]
    assert outcome(stored_reports(server.data_dir)[5:]) == [
        {"type": "order_success", "symbol": "AAPL"},
        {"type": "latency"},
        {"type": "critical_error", "category": "other", "message": "the position book is corrupt"},
    ]


def test_without_an_answer_risk_still_comes_off_and_opens_do_not(
    silent_server: SilentServer, caplog: pytest.LogCaptureFixture
) -> None:
    with Haltwatch(silent_server.url, "t" * 24, timeout=0.3) as hw:
        with pytest.raises(
            OrderRefused, match=r"open SPY refused: Haltwatch cannot answer \(no answer"
        ) as refused:
            with hw.guarded_order("open", "SPY", quantity=1):
                raise AssertionError("an open went out without an answer")
        assert refused.value.answer is None and refused.value.cause is not None
        with hw.guarded_order("close", "SPY", quantity=7) as permit:
            assert permit.answer is None and permit.quantity == 7
    assert "the order's reports were not recorded" in caplog.text  # logged, not raised


@pytest.mark.asyncio
async def test_the_async_guard_sizes_reports_and_refuses_the_same_way(start_serve: StartServe) -> None:
    server = await asyncio.to_thread(start_serve)
    async with AsyncHaltwatch(server.url, server.token) as hw:
        await hw.report(THROTTLING_SLIP)
        async with hw.guarded_order("open", "AAPL", confidence=0.9, quantity=10, service="broker") as permit:
            assert permit.quantity == 5
            permit.order_id = "a-1"
        await hw.report_batch(HALTING_STREAK)

        @hw.guarded_order("open", "AAPL", confidence=0.9, quantity=10)
        async def buy(permit: Permit) -> None:
            raise AssertionError("refused orders never run")

        with pytest.raises(OrderRefused, match="LEVEL_HALT"):
            await buy()

        @hw.guarded_order("reduce", "AAPL", quantity=4)
        async def sell(permit: Permit) -> float:
            raise TimeoutError("no fill")

        with pytest.raises(TimeoutError):
            await sell()
    assert outcome(stored_reports(server.data_dir)) == [
        THROTTLING_SLIP.to_json(),
        {"type": "order_success", "symbol": "AAPL", "orderId": "a-1"},
        {"type": "latency", "service": "broker"},
        *[failure.to_json() for failure in HALTING_STREAK],
        {"type": "order_failure", "symbol": "AAPL", "reason": "TimeoutError: no fill"},
        {"type": "latency"},
    ]
