"""A stand-in broker for the examples: fills every order at the quote moved by `slippage_pct`, or
fails it while `failing` is set. Replace it with your broker's client."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Dict, Iterator


class BrokerError(Exception):
    pass


@dataclass(frozen=True)
class Fill:
    order_id: str
    symbol: str
    quantity: float
    price: float


@dataclass
class StubBroker:
    quotes: Dict[str, float]
    slippage_pct: float = 0.0
    failing: bool = False
    fills: list[Fill] = field(default_factory=list)
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def quote(self, symbol: str) -> float:
        return self.quotes[symbol]

    def buy(self, symbol: str, quantity: float) -> Fill:
        if self.failing:
            raise BrokerError(f"order for {quantity:g} {symbol} rejected: broker unavailable")
        price = round(self.quotes[symbol] * (1 + self.slippage_pct / 100), 6)
        fill = Fill(order_id=f"stub-{next(self._ids)}", symbol=symbol, quantity=quantity, price=price)
        self.fills.append(fill)
        return fill
