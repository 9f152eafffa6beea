"""A plain bot loop guarded by Haltwatch: a heartbeat while it runs, the gate before each order (sized
by its answer), and each fill's success, latency and slippage reported.

Run it against a local `haltwatch serve` (the broker is the stub in stub_broker.py):

    HALTWATCH_URL=http://127.0.0.1:17321 HALTWATCH_TOKEN=... python examples/plain_loop.py
"""

from __future__ import annotations

import logging
import math
import os
import time
from dataclasses import dataclass
from typing import Callable, List

from haltwatch import Haltwatch, HaltwatchError, Latency, OrderFailure, OrderSuccess, Slippage
from stub_broker import BrokerError, StubBroker

log = logging.getLogger("plain_loop")


@dataclass(frozen=True)
class Signal:
    symbol: str
    quantity: float
    confidence: float


@dataclass
class Tally:
    sent: List[float]
    refused: List[str]
    failed: int = 0


def trade(hw: Haltwatch, broker: StubBroker, signal: Signal, tally: Tally) -> None:
    """One order: ask, size, send, report."""
    try:
        answer = hw.gate("open", signal.symbol, confidence=signal.confidence, quantity=signal.quantity)
    except HaltwatchError as error:  # no answer: do not open
        tally.refused.append(f"{signal.symbol}: {error}")
        return
    quantity = math.floor(signal.quantity * answer.size_multiplier)  # whole shares
    if not answer.allowed or quantity < 1:
        tally.refused.append(f"{signal.symbol}: {', '.join(answer.reasons)}")
        return
    expected = broker.quote(signal.symbol)
    started = time.monotonic()
    try:
        fill = broker.buy(signal.symbol, quantity)
    except BrokerError as error:
        tally.failed += 1
        failure = OrderFailure(symbol=signal.symbol, reason=str(error))
        report(lambda: hw.report(failure))
        return
    took = (time.monotonic() - started) * 1000
    tally.sent.append(quantity)
    batch = [
        OrderSuccess(symbol=fill.symbol, order_id=fill.order_id),
        Latency(ms=took, service="broker"),
        Slippage(expected_price=expected, actual_price=fill.price, symbol=fill.symbol),
    ]
    report(lambda: hw.report_batch(batch))


def report(send: Callable[[], object]) -> None:
    try:
        send()
    except HaltwatchError as error:  # a lost report must not stop the bot; Haltwatch errs on caution
        log.warning("report not recorded: %s", error)


def run(
    hw: Haltwatch, broker: StubBroker, signals: Callable[[int], List[Signal]], rounds: int, pause: float
) -> Tally:
    tally = Tally(sent=[], refused=[])
    with hw.heartbeat_every("plain-loop", seconds=15):
        for round_no in range(rounds):
            for signal in signals(round_no):
                trade(hw, broker, signal, tally)
            time.sleep(pause)
    return tally


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    broker = StubBroker(quotes={"AAPL": 189.10, "MSFT": 411.20}, slippage_pct=0.05)
    with Haltwatch(
        os.environ.get("HALTWATCH_URL", "http://127.0.0.1:17321"), os.environ["HALTWATCH_TOKEN"]
    ) as hw:
        tally = run(
            hw, broker, lambda n: [Signal("AAPL", 10, 0.8), Signal("MSFT", 4, 0.75)], rounds=5, pause=1
        )
    print(f"sent {tally.sent}, refused {tally.refused}, failed {tally.failed}")


if __name__ == "__main__":
    main()
