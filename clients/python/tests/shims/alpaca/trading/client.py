from typing import Any, Union
from uuid import UUID

from alpaca.trading.models import Order
from alpaca.trading.requests import MarketOrderRequest


class TradingClient:
    """alpaca-py's client as far as the example uses it; the tests' stub broker fills it in."""

    def __init__(self, api_key: str, secret_key: str, paper: bool = True, **kwargs: Any) -> None:
        self.paper = paper

    def submit_order(self, order_data: MarketOrderRequest) -> Order:
        raise NotImplementedError("the tests' stub broker answers this")

    def get_order_by_id(self, order_id: Union[UUID, str]) -> Order:
        raise NotImplementedError("the tests' stub broker answers this")
