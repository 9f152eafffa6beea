"""One typed helper per report type, written once for both clients: each builds the report and sends
it through the client's `report_batch`, so a sync client's helpers return the count accepted and an
async client's return an awaitable of it."""

from __future__ import annotations

from typing import Generic, Optional, Sequence, TypeVar

from .reports import Category, CriticalError, Latency, OrderFailure, OrderSuccess, Pnl, BaseReport, Slippage

R = TypeVar("R")


class ReportHelpers(Generic[R]):
    def report_batch(self, reports: Sequence[BaseReport]) -> R:
        """Sends a batch (1 to 1000 reports). A batch with a bad item is rejected whole (nothing is
        stored; the error names each bad item's index and field), so a retry never duplicates."""
        raise NotImplementedError

    def report(self, report: BaseReport) -> R:
        """Sends one report."""
        return self.report_batch([report])

    def order_success(
        self, symbol: Optional[str] = None, order_id: Optional[str] = None, at: Optional[int] = None
    ) -> R:
        return self.report(OrderSuccess(symbol=symbol, order_id=order_id, at=at))

    def order_failure(
        self,
        symbol: Optional[str] = None,
        order_id: Optional[str] = None,
        reason: Optional[str] = None,
        exchange_halt: Optional[bool] = None,
        at: Optional[int] = None,
    ) -> R:
        return self.report(
            OrderFailure(symbol=symbol, order_id=order_id, reason=reason, exchange_halt=exchange_halt, at=at)
        )

    def latency(self, ms: float, service: Optional[str] = None, at: Optional[int] = None) -> R:
        return self.report(Latency(ms=ms, service=service, at=at))

    def slippage(
        self,
        expected_price: float,
        actual_price: float,
        symbol: Optional[str] = None,
        at: Optional[int] = None,
    ) -> R:
        return self.report(
            Slippage(expected_price=expected_price, actual_price=actual_price, symbol=symbol, at=at)
        )

    def pnl(self, realized: float, equity: float, at: Optional[int] = None) -> R:
        return self.report(Pnl(realized=realized, equity=equity, at=at))

    def critical_error(self, message: str, category: Category = "other", at: Optional[int] = None) -> R:
        return self.report(CriticalError(message=message, category=category, at=at))
