"""What guarded_order decides and reports, shared by the sync and async clients."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import List, Optional

from ._errors import HaltwatchError
from ._models import RISK_REDUCING, GateAnswer
from .reports import BaseReport, Latency, OrderFailure, OrderSuccess

log = logging.getLogger("haltwatch")
MAX_REASON_LENGTH = 500


def unanswered(action: str, error: Exception) -> bool:
    """`may_trade`'s answer when the gate could not be asked: no for opens and increases, yes for
    reduce, close and cancel, so risk can always come off."""
    allowed = action in RISK_REDUCING
    log.warning(
        "haltwatch: no gate answer for %s (%s); %s", action, error, "allowed" if allowed else "refused"
    )
    return allowed


class OrderRefused(Exception):
    """The gate said no (`answer`), or could not answer an open or increase (`answer` None, `cause` why)."""

    def __init__(
        self, action: str, symbol: Optional[str], answer: Optional[GateAnswer], cause: Optional[Exception]
    ) -> None:
        why = ", ".join(answer.reasons) or answer.level if answer else f"Haltwatch cannot answer ({cause})"
        super().__init__(f"{action} {symbol or ''}".rstrip() + f" refused: {why}")
        self.action = action
        self.symbol = symbol
        self.answer = answer
        self.cause = cause


@dataclass
class Permit:
    """Leave to send one order. `quantity` is the one asked for times the answer's sizeMultiplier
    (unchanged when a reduce, close or cancel goes out without an answer). Set `order_id` for the reports."""

    action: str
    symbol: Optional[str]
    answer: Optional[GateAnswer]
    quantity: Optional[float]
    order_id: Optional[str] = None


def permit_for(
    action: str,
    symbol: Optional[str],
    quantity: Optional[float],
    answer: Optional[GateAnswer],
    error: Optional[Exception],
) -> Permit:
    """The permit, or OrderRefused when the order must not go out."""
    if answer is None:
        assert error is not None
        if not unanswered(action, error):
            raise OrderRefused(action, symbol, None, error)
        return Permit(action, symbol, None, quantity)
    if not answer.allowed:
        raise OrderRefused(action, symbol, answer, None)
    sized = None if quantity is None else quantity * answer.size_multiplier
    return Permit(action, symbol, answer, sized)


def outcome_reports(
    permit: Permit, started: float, error: Optional[BaseException], service: Optional[str]
) -> List[BaseReport]:
    """What happened to the order: success or failure, and how long the wrapped call took (since the
    `time.monotonic()` `started`). Nothing when interrupted (KeyboardInterrupt, cancelled): whether the
    order went out is unknown."""
    if error is not None and not isinstance(error, Exception):
        return []
    took = Latency(ms=round((time.monotonic() - started) * 1000, 3), service=service)
    if error is None:
        return [OrderSuccess(symbol=permit.symbol, order_id=permit.order_id), took]
    reason = f"{type(error).__name__}: {error}"[:MAX_REASON_LENGTH]
    return [OrderFailure(symbol=permit.symbol, order_id=permit.order_id, reason=reason), took]


def report_lost(error: HaltwatchError) -> None:
    # The order already went out (or failed): raising now would hide its outcome from the bot.
    log.warning("haltwatch: the order's reports were not recorded (%s)", error)
