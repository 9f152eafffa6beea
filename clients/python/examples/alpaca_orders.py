"""Haltwatch around alpaca-py orders: each market order asks the gate first, goes out sized by its
answer (fractional shares), and its success or failure and the broker's latency are reported; once
filled, its slippage too.

    pip install alpaca-py
    HALTWATCH_TOKEN=... ALPACA_API_KEY=... ALPACA_SECRET_KEY=... python examples/alpaca_orders.py

(paper trading; it buys 1 share of AAPL if Haltwatch allows it).
"""

from __future__ import annotations

import os
from typing import Optional

from alpaca.trading.client import TradingClient
from alpaca.trading.enums import OrderSide, TimeInForce
from alpaca.trading.models import Order
from alpaca.trading.requests import MarketOrderRequest

from haltwatch import Action, Haltwatch, HaltwatchError

FRACTION_DIGITS = 9  # alpaca takes fractional quantities to 9 decimals


def action_for(position: float, side: OrderSide, quantity: float) -> Action:
    """What an order does to the position (shares held; negative when short)."""
    signed = quantity if side == OrderSide.BUY else -quantity
    if position == 0 or position * signed > 0:
        return "open" if position == 0 else "increase"
    if abs(signed) > abs(position):
        return "open"  # past flat into the other side: a new position, asked as one
    return "close" if abs(signed) == abs(position) else "reduce"


class GuardedAlpaca:
    def __init__(self, hw: Haltwatch, trading: TradingClient) -> None:
        self.hw = hw
        self.trading = trading

    def market_order(
        self,
        symbol: str,
        quantity: float,
        side: OrderSide,
        position: float,
        confidence: Optional[float] = None,
    ) -> Order:
        """Sends the order if Haltwatch allows it (OrderRefused otherwise), sized by its answer."""
        action = action_for(position, side, quantity)
        with self.hw.guarded_order(
            action, symbol, confidence=confidence, quantity=quantity, service="alpaca"
        ) as permit:
            sized = round(permit.quantity or quantity, FRACTION_DIGITS)
            request = MarketOrderRequest(symbol=symbol, qty=sized, side=side, time_in_force=TimeInForce.DAY)
            order = self.trading.submit_order(request)
            permit.order_id = str(order.id)
        return order

    def report_fill(self, order_id: str, expected_price: float) -> Optional[float]:
        """Once the order is filled, reports its slippage; the fill price, or None while unfilled."""
        order = self.trading.get_order_by_id(order_id)
        if order.filled_avg_price is None:
            return None
        filled = float(order.filled_avg_price)
        try:
            self.hw.slippage(expected_price=expected_price, actual_price=filled, symbol=order.symbol)
        except HaltwatchError:
            pass  # the fill stands; Haltwatch only misses one slippage value
        return filled


def main() -> None:
    trading = TradingClient(os.environ["ALPACA_API_KEY"], os.environ["ALPACA_SECRET_KEY"], paper=True)
    with Haltwatch(
        os.environ.get("HALTWATCH_URL", "http://127.0.0.1:17321"), os.environ["HALTWATCH_TOKEN"]
    ) as hw:
        order = GuardedAlpaca(hw, trading).market_order("AAPL", 1, OrderSide.BUY, position=0, confidence=0.8)
        print(f"sent {order.qty} AAPL as order {order.id}")


if __name__ == "__main__":
    main()
