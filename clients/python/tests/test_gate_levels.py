"""The gate in each level, moved by the bot's own reports, and the override held and lifted."""

from __future__ import annotations

import pytest

from conftest import Connect, StartServe
from haltwatch import HaltwatchApiError, OrderFailure


def test_the_gate_answers_in_each_level_as_the_reports_move_it(
    start_serve: StartServe, connect: Connect
) -> None:
    server = start_serve()
    hw = connect(server.url, server.token)

    normal = hw.gate("open", "AAPL", confidence=0.8, quantity=100)
    assert (normal.allowed, normal.level, normal.size_multiplier, normal.reasons) == (True, "NORMAL", 1, ())
    assert normal.min_confidence is None and normal.until is None and normal.flatten is False

    hw.slippage(expected_price=100, actual_price=100.11, symbol="AAPL")  # 0.11 %: over ALERT's 0.1 %
    alert = hw.gate("open", "AAPL")
    assert (alert.allowed, alert.level, alert.size_multiplier, alert.reasons) == (
        True,
        "ALERT",
        1,
        ("LEVEL_ALERT",),
    )
    assert [(i.signal, i.level) for i in hw.issues(60)] == [("slippage", "ALERT")]

    hw.slippage(expected_price=100, actual_price=100.35, symbol="AAPL")  # 0.35 %: THROTTLE
    assert hw.gate("open", "AAPL").reasons == ("LEVEL_THROTTLE", "CONFIDENCE_REQUIRED")
    assert "CONFIDENCE_BELOW_MIN" in hw.gate("open", "AAPL", confidence=0.5).reasons
    throttled = hw.gate("open", "AAPL", confidence=0.8, quantity=100)
    assert (throttled.allowed, throttled.size_multiplier, throttled.min_confidence) == (True, 0.5, 0.7)
    assert "SIZE_REDUCED" in throttled.reasons
    assert hw.may_trade("open", "AAPL", confidence=0.8) and not hw.may_trade("open", "AAPL")
    assert hw.gate("reduce", "AAPL").size_multiplier == 1

    failures = [OrderFailure(symbol="AAPL", order_id=str(n), reason="rejected") for n in range(5)]
    assert hw.report_batch(failures) == 5  # five in a row: HALT
    halted = hw.gate("open", "AAPL", confidence=0.9)
    assert (halted.allowed, halted.level, halted.size_multiplier) == (False, "HALT", 0)
    assert "LEVEL_HALT" in halted.reasons
    assert not hw.may_trade("increase", "AAPL", confidence=0.9)
    assert hw.may_trade("reduce", "AAPL") and hw.may_trade("close", "AAPL")

    hw.critical_error("the position book is corrupt", category="database")
    shutdown = hw.gate("close", "AAPL")
    assert (shutdown.allowed, shutdown.level) == (False, "SHUTDOWN")
    # An answer is an answer: the fail-open rule is for when Haltwatch cannot be asked.
    assert not hw.may_trade("close", "AAPL")
    assert hw.may_trade("cancel", "AAPL")
    assert hw.status()["level"] == "SHUTDOWN"


def test_the_override_holds_opens_off_until_the_operator_lifts_it(
    start_serve: StartServe, connect: Connect
) -> None:
    server = start_serve()
    bot = connect(server.url, server.token)
    operator = connect(server.url, server.operator)

    held = bot.override(True, "FOMC minutes at 14:00")
    assert held["override"] is not None and held["override"]["enabled"] is True
    refused = bot.gate("open", "SPY", confidence=1)
    assert not refused.allowed and "OVERRIDE_ACTIVE" in refused.reasons
    assert bot.may_trade("cancel", "SPY")
    assert bot.status()["override"] is not None

    if server.operator_token_known:
        with pytest.raises(HaltwatchApiError) as refusal:
            bot.override(False, "the bot would like to trade")
        assert refusal.value.status in (401, 403)
        assert not bot.gate("open", "SPY", confidence=1).allowed

    lifted = operator.override(False, "FOMC done")
    assert lifted["override"] is None or lifted["override"]["enabled"] is False
    assert bot.gate("open", "SPY", confidence=1).allowed


def test_a_bad_override_reason_is_refused_naming_the_field(shared_serve: object, connect: Connect) -> None:
    from servers import ServeProcess

    assert isinstance(shared_serve, ServeProcess)
    hw = connect(shared_serve.url, shared_serve.token)
    with pytest.raises(HaltwatchApiError) as refused:
        hw.override(True, "no")
    assert (refused.value.status, refused.value.code) == (400, "invalid_input")
    assert [issue.path for issue in refused.value.issues] == ["reason"]
