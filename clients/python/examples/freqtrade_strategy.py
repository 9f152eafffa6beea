"""Haltwatch in a freqtrade strategy: mix `HaltwatchGuard` into yours,

    class MyStrategy(HaltwatchGuard):  # HaltwatchGuard is an IStrategy
        ...

and add to the bot's config `"haltwatch": {"url": "http://127.0.0.1:17321", "token": "..."}` (or set
HALTWATCH_URL and HALTWATCH_TOKEN). Then each entry's stake is sized by the gate
(`custom_stake_amount`), the entry is asked once more right before the order (`confirm_trade_entry`),
exits go through unless Haltwatch says no (`confirm_trade_exit`; without an answer they go through),
each loop beats for the heartbeat service `freqtrade`, and each filled order is reported.

A confidence for the gate comes from the entry tag when it ends in `conf=0.82`.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime
from typing import Any, Optional

from freqtrade.strategy import IStrategy

from haltwatch import Haltwatch, HaltwatchError

log = logging.getLogger(__name__)


def tag_confidence(entry_tag: Optional[str]) -> Optional[float]:
    """0.82 from an entry tag such as `breakout conf=0.82`; None when it has none."""
    if not entry_tag or "conf=" not in entry_tag:
        return None
    try:
        value = float(entry_tag.rsplit("conf=", 1)[1].split()[0])
    except (IndexError, ValueError):
        return None
    return value if 0 <= value <= 1 else None


class HaltwatchGuard(IStrategy):
    heartbeat_name = "freqtrade"
    _haltwatch: Optional[Haltwatch] = None

    @property
    def haltwatch(self) -> Haltwatch:
        if self._haltwatch is None:
            settings = self.config.get("haltwatch", {})
            url = settings.get("url") or os.environ.get("HALTWATCH_URL", "http://127.0.0.1:17321")
            token = settings.get("token") or os.environ.get("HALTWATCH_TOKEN", "")
            self._haltwatch = Haltwatch(url, token)
        return self._haltwatch

    def bot_start(self, **kwargs: Any) -> None:
        self.haltwatch  # a wrong URL or token stops the bot now, not at its first trade

    def bot_loop_start(self, current_time: datetime, **kwargs: Any) -> None:
        try:
            self.haltwatch.heartbeat(self.heartbeat_name)
        except HaltwatchError as error:  # a missed beat is what the dead man's switch is for
            log.warning("haltwatch heartbeat not recorded: %s", error)

    def custom_stake_amount(
        self,
        pair: str,
        current_time: datetime,
        current_rate: float,
        proposed_stake: float,
        min_stake: Optional[float],
        max_stake: float,
        leverage: float,
        entry_tag: Optional[str],
        side: str,
        **kwargs: Any,
    ) -> float:
        """The stake times the gate's sizeMultiplier; 0 (no trade) when refused or unanswered."""
        try:
            answer = self.haltwatch.gate("open", pair, confidence=tag_confidence(entry_tag))
        except HaltwatchError as error:
            log.warning("no entry for %s: Haltwatch cannot answer (%s)", pair, error)
            return 0
        stake = min(proposed_stake * answer.size_multiplier, max_stake) if answer.allowed else 0
        if stake and min_stake and stake < min_stake:
            return 0
        if not answer.allowed:
            log.info("no entry for %s: %s", pair, ", ".join(answer.reasons))
        return stake

    def confirm_trade_entry(
        self,
        pair: str,
        order_type: str,
        amount: float,
        rate: float,
        time_in_force: str,
        current_time: datetime,
        entry_tag: Optional[str],
        side: str,
        **kwargs: Any,
    ) -> bool:
        return self.haltwatch.may_trade("open", pair, confidence=tag_confidence(entry_tag), quantity=amount)

    def confirm_trade_exit(
        self,
        pair: str,
        trade: Any,
        order_type: str,
        amount: float,
        rate: float,
        time_in_force: str,
        exit_reason: str,
        current_time: datetime,
        **kwargs: Any,
    ) -> bool:
        return self.haltwatch.may_trade("close", pair, quantity=amount)

    def order_filled(self, pair: str, trade: Any, order: Any, current_time: datetime, **kwargs: Any) -> None:
        try:
            self.haltwatch.order_success(pair, str(order.order_id))
            if order.price and order.average:
                self.haltwatch.slippage(expected_price=order.price, actual_price=order.average, symbol=pair)
        except HaltwatchError as error:
            log.warning("haltwatch report not recorded: %s", error)
