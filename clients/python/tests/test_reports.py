"""What the bot reports is stored exactly as sent; a batch with a bad item is stored not at all."""

from __future__ import annotations

import json
import math
import sqlite3
import time
from pathlib import Path
from typing import Any, Dict, List

import pytest

from conftest import Connect, StartServe
from haltwatch import (
    CriticalError,
    HaltwatchApiError,
    Latency,
    OrderFailure,
    OrderSuccess,
    Pnl,
    Report,
    Slippage,
)


def stored_reports(data_dir: Path) -> List[Dict[str, Any]]:
    """The reports in Haltwatch's history, oldest first, read from its SQLite file."""
    with sqlite3.connect(f"file:{data_dir / 'haltwatch.db'}?mode=ro", uri=True) as db:
        return [json.loads(row[0]) for row in db.execute("SELECT report FROM reports ORDER BY id")]


def test_every_report_type_is_stored_as_sent(start_serve: StartServe, connect: Connect) -> None:
    server = start_serve()
    hw = connect(server.url, server.token)
    at = int(time.time() * 1000) - 1000
    batch: List[Report] = [
        OrderSuccess(symbol="AAPL", order_id="42", at=at),
        OrderFailure(symbol="MSFT", order_id="43", reason="insufficient buying power", exchange_halt=False),
        Latency(ms=220.5, service="broker"),
        Slippage(expected_price=189.1, actual_price=189.15, symbol="AAPL"),
        Pnl(realized=-12.5, equity=25_000),
        CriticalError(message="disk almost full", category="other"),
    ]
    assert hw.report_batch(batch) == 6
    # One report at a time, through each typed helper.
    assert hw.order_success("NVDA", "44") == 1
    assert hw.order_failure("NVDA", "45", reason="timeout", exchange_halt=True) == 1
    assert hw.latency(12, service="quotes") == 1
    assert hw.slippage(10.0, 10.0, symbol="NVDA") == 1
    assert hw.pnl(realized=30, equity=25_030) == 1
    assert hw.report(OrderSuccess(symbol="TSLA")) == 1

    sent = [report.to_json() for report in batch] + [
        {"type": "order_success", "symbol": "NVDA", "orderId": "44"},
        {
            "type": "order_failure",
            "symbol": "NVDA",
            "orderId": "45",
            "reason": "timeout",
            "exchangeHalt": True,
        },
        {"type": "latency", "ms": 12, "service": "quotes"},
        {"type": "slippage", "expectedPrice": 10.0, "actualPrice": 10.0, "symbol": "NVDA"},
        {"type": "pnl", "realized": 30, "equity": 25_030},
        {"type": "order_success", "symbol": "TSLA"},
    ]
    assert stored_reports(server.data_dir) == sent


def test_a_batch_with_one_bad_item_is_refused_whole_naming_it(
    start_serve: StartServe, connect: Connect
) -> None:
    server = start_serve()
    hw = connect(server.url, server.token)
    assert hw.order_success("AAPL") == 1
    with pytest.raises(HaltwatchApiError) as refused:
        hw.report_batch([OrderSuccess(symbol="AAPL"), Slippage(expected_price=-1, actual_price=10)])
    assert (refused.value.status, refused.value.code) == (400, "invalid_input")
    assert [issue.path for issue in refused.value.issues] == ["reports[1].expectedPrice"]
    assert "reports[1].expectedPrice" in refused.value.message
    assert stored_reports(server.data_dir) == [{"type": "order_success", "symbol": "AAPL"}]


def test_a_number_json_cannot_carry_is_refused_before_sending(shared_serve: Any, connect: Connect) -> None:
    hw = connect(shared_serve.url, shared_serve.token)
    with pytest.raises(ValueError, match="not JSON"):
        hw.latency(math.nan)
    with pytest.raises(ValueError, match="not JSON"):
        hw.pnl(realized=math.inf, equity=1)
