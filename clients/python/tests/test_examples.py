"""The worked examples, run against a real `haltwatch serve`; the brokers are stubs."""

from __future__ import annotations

import sys
import uuid
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Dict, List, Union

import pytest

from conftest import StartServe
from haltwatch import Haltwatch, OrderRefused
from test_reports import stored_reports

HERE = Path(__file__).parent
sys.path[:0] = [
    str(HERE.parent / "examples"),
    str(HERE / "shims"),
]  # examples, and freqtrade's and alpaca's stand-ins

import alpaca_orders  # noqa: E402
import freqtrade_strategy  # noqa: E402
import plain_loop  # noqa: E402
from alpaca.trading.client import TradingClient  # noqa: E402
from alpaca.trading.enums import OrderSide  # noqa: E402
from alpaca.trading.models import Order  # noqa: E402
from alpaca.trading.requests import MarketOrderRequest  # noqa: E402
from stub_broker import StubBroker  # noqa: E402

NOW = datetime(2026, 12, 4, 15, 0, tzinfo=timezone.utc)


def types(data_dir: Path) -> List[str]:
    return [report["type"] for report in stored_reports(data_dir)]


def test_the_plain_loop_sizes_by_the_answer_and_stops_opening_when_told(start_serve: StartServe) -> None:
    server = start_serve()
    broker = StubBroker(quotes={"AAPL": 100.0}, slippage_pct=0.35)  # every fill slips into THROTTLE
    signals = [
        [plain_loop.Signal("AAPL", 10, 0.8)],
        [plain_loop.Signal("AAPL", 10, 0.8), plain_loop.Signal("AAPL", 10, 0.5)],
    ]
    with Haltwatch(server.url, server.token) as hw:
        tally = plain_loop.run(hw, broker, lambda n: signals[n], rounds=2, pause=0)
        assert tally.sent == [10, 5] and tally.refused == ["AAPL: LEVEL_THROTTLE, CONFIDENCE_BELOW_MIN"]
        broker.failing = True
        plain_loop.run(hw, broker, lambda n: [plain_loop.Signal("AAPL", 10, 0.9)] * 5, rounds=1, pause=0)
        assert hw.gate("open", "AAPL", confidence=1).level == "HALT"  # five failures in a row
    assert types(server.data_dir) == ["order_success", "latency", "slippage"] * 2 + ["order_failure"] * 5


class Strategy(freqtrade_strategy.HaltwatchGuard):
    pass


def test_the_freqtrade_guard_sizes_stakes_confirms_entries_and_exits(start_serve: StartServe) -> None:
    server = start_serve()
    strategy = Strategy({"haltwatch": {"url": server.url, "token": server.token}})
    strategy.bot_start()
    strategy.bot_loop_start(current_time=NOW)

    def stake(tag: Union[str, None]) -> float:
        return strategy.custom_stake_amount(
            "BTC/USDT",
            NOW,
            97_000.0,
            proposed_stake=100.0,
            min_stake=10.0,
            max_stake=1000.0,
            leverage=1.0,
            entry_tag=tag,
            side="long",
        )

    def entry(tag: Union[str, None]) -> bool:
        return strategy.confirm_trade_entry("BTC/USDT", "market", 0.001, 97_000.0, "GTC", NOW, tag, "long")

    def exit_allowed() -> bool:
        return strategy.confirm_trade_exit("BTC/USDT", None, "market", 0.001, 97_000.0, "GTC", "roi", NOW)

    assert stake(None) == 100.0 and entry(None)
    order = SimpleNamespace(order_id="ft-1", price=97_000.0, average=97_340.0)  # 0.35 %: THROTTLE
    strategy.order_filled("BTC/USDT", None, order, NOW)
    assert stake("breakout conf=0.9") == 50.0 and entry("breakout conf=0.9")
    assert stake("breakout") == 0 and not entry("breakout")  # THROTTLE wants a confidence
    assert exit_allowed()
    strategy.haltwatch.critical_error("exchange keys revoked", category="security")
    assert not exit_allowed()  # SHUTDOWN: nothing but cancels
    server.stop()
    assert stake("breakout conf=0.9") == 0 and not entry("conf=0.9")  # no answer: no entry
    assert exit_allowed()  # no answer: exits go through
    assert freqtrade_strategy.tag_confidence("x conf=1.5") is None


class StubTradingClient(TradingClient):
    """Fills each order at once, `slip` above the price the test expects."""

    def __init__(self, price: float, slip: float) -> None:
        super().__init__("key", "secret", paper=True)
        self.orders: Dict[str, Order] = {}
        self.price, self.slip = price, slip

    def submit_order(self, order_data: MarketOrderRequest) -> Order:
        order = Order(uuid.uuid4(), order_data.symbol, str(order_data.qty), str(self.price * (1 + self.slip)))
        self.orders[str(order.id)] = order
        return order

    def get_order_by_id(self, order_id: Union[uuid.UUID, str]) -> Order:
        return self.orders[str(order_id)]


def test_the_alpaca_wrapper_sends_sized_orders_and_reports_their_fills(start_serve: StartServe) -> None:
    server = start_serve()
    trading = StubTradingClient(price=200.0, slip=0.0035)
    with Haltwatch(server.url, server.token) as hw:
        alpaca = alpaca_orders.GuardedAlpaca(hw, trading)
        first = alpaca.market_order("AAPL", 3, OrderSide.BUY, position=0, confidence=0.8)
        assert first.qty == "3" and alpaca.report_fill(str(first.id), expected_price=200.0) == pytest.approx(
            200.7
        )
        second = alpaca.market_order("AAPL", 3, OrderSide.BUY, position=3, confidence=0.8)  # THROTTLE now
        assert second.qty == "1.5"
        with pytest.raises(OrderRefused, match="increase AAPL refused"):
            alpaca.market_order("AAPL", 1, OrderSide.BUY, position=4.5)  # no confidence in THROTTLE
        sell = alpaca.market_order("AAPL", 4.5, OrderSide.SELL, position=4.5)
        assert sell.qty == "4.5"
    assert (
        types(server.data_dir) == ["order_success", "latency", "slippage"] + ["order_success", "latency"] * 2
    )


@pytest.mark.parametrize(
    ("position", "side", "quantity", "action"),
    [
        (0, OrderSide.BUY, 1, "open"),
        (0, OrderSide.SELL, 1, "open"),
        (2, OrderSide.BUY, 1, "increase"),
        (-2, OrderSide.SELL, 1, "increase"),
        (2, OrderSide.SELL, 1, "reduce"),
        (2, OrderSide.SELL, 2, "close"),
        (-2, OrderSide.BUY, 2, "close"),
        (-2, OrderSide.BUY, 3, "open"),
    ],
)
def test_alpaca_orders_are_asked_as_what_they_do(
    position: float, side: OrderSide, quantity: float, action: str
) -> None:
    assert alpaca_orders.action_for(position, side, quantity) == action
