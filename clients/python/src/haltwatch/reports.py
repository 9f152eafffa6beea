"""What the bot reports, one dataclass per report type. Prices and money are plain numbers in the
account's currency; `at` is UTC epoch ms (default: when Haltwatch receives it)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar, Dict, Literal, Optional, Tuple, Type, Union

Category = Literal["memory", "security", "database", "other"]


def camel(name: str) -> str:
    """The JSON name of a field: `expected_price` -> `expectedPrice`."""
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


class BaseReport:
    """What every report type has: its `type` and its JSON."""

    type: ClassVar[str]

    def to_json(self) -> Dict[str, Any]:
        """The report as the API takes it: camelCase names, fields left as None not sent."""
        body: Dict[str, Any] = {"type": self.type}
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if value is not None:
                body[camel(field.name)] = value
        return body


@dataclass(frozen=True)
class OrderSuccess(BaseReport):
    """An order went out. It ends the failure streak."""

    type: ClassVar[str] = "order_success"
    symbol: Optional[str] = None
    order_id: Optional[str] = None
    at: Optional[int] = None


@dataclass(frozen=True)
class OrderFailure(BaseReport):
    """An order failed. `exchange_halt=True` for one the exchange refused during a market-wide halt,
    which does not count as a failure."""

    type: ClassVar[str] = "order_failure"
    symbol: Optional[str] = None
    order_id: Optional[str] = None
    reason: Optional[str] = None
    exchange_halt: Optional[bool] = None
    at: Optional[int] = None


@dataclass(frozen=True)
class Latency(BaseReport):
    """How long a call took, in ms; `service` defaults to the bot itself."""

    type: ClassVar[str] = "latency"
    ms: float
    service: Optional[str] = None
    at: Optional[int] = None


@dataclass(frozen=True)
class Slippage(BaseReport):
    """The price expected and the price filled."""

    type: ClassVar[str] = "slippage"
    expected_price: float
    actual_price: float
    symbol: Optional[str] = None
    at: Optional[int] = None


@dataclass(frozen=True)
class Pnl(BaseReport):
    """`realized`: the profit or loss this report realises, not a running total; `equity`: now."""

    type: ClassVar[str] = "pnl"
    realized: float
    equity: float
    at: Optional[int] = None


@dataclass(frozen=True)
class CriticalError(BaseReport):
    """Something the bot cannot trade through: Haltwatch goes to SHUTDOWN."""

    type: ClassVar[str] = "critical_error"
    message: str
    category: Category = "other"
    at: Optional[int] = None


Report = Union[OrderSuccess, OrderFailure, Latency, Slippage, Pnl, CriticalError]
REPORT_TYPES: Tuple[Type[BaseReport], ...] = (
    OrderSuccess,
    OrderFailure,
    Latency,
    Slippage,
    Pnl,
    CriticalError,
)
