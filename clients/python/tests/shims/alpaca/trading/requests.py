from dataclasses import dataclass

from alpaca.trading.enums import OrderSide, TimeInForce


@dataclass
class MarketOrderRequest:
    symbol: str
    qty: float
    side: OrderSide
    time_in_force: TimeInForce
