"""Haltwatch's client for Python trading bots: ask the gate before every order, report what happened.

    from haltwatch import Haltwatch

    with Haltwatch("http://127.0.0.1:17321", token) as hw, hw.heartbeat_every("my-bot"):
        if hw.may_trade("open", "AAPL", confidence=0.8):
            ...
"""

from ._async import AsyncGuardedOrder, AsyncHaltwatch, AsyncHeartbeatLoop
from ._errors import HaltwatchApiError, HaltwatchError, HaltwatchUnavailable
from ._guard import OrderRefused, Permit
from ._models import (
    ACTIONS,
    GATE_REASONS,
    LEVELS,
    RISK_REDUCING,
    Action,
    EngineStatus,
    FieldIssue,
    GateAnswer,
    Heartbeat,
    Issue,
    Level,
    LevelOverride,
    LevelStatus,
    ServiceStatus,
)
from ._sync import GuardedOrder, Haltwatch, HeartbeatLoop
from .reports import (
    BaseReport,
    Category,
    CriticalError,
    Latency,
    OrderFailure,
    OrderSuccess,
    Pnl,
    Report,
    Slippage,
)

__all__ = [
    "ACTIONS",
    "GATE_REASONS",
    "LEVELS",
    "RISK_REDUCING",
    "Action",
    "AsyncGuardedOrder",
    "AsyncHaltwatch",
    "AsyncHeartbeatLoop",
    "BaseReport",
    "Category",
    "CriticalError",
    "EngineStatus",
    "FieldIssue",
    "GateAnswer",
    "GuardedOrder",
    "Haltwatch",
    "HaltwatchApiError",
    "HaltwatchError",
    "HaltwatchUnavailable",
    "Heartbeat",
    "HeartbeatLoop",
    "Issue",
    "Latency",
    "Level",
    "LevelOverride",
    "LevelStatus",
    "OrderFailure",
    "OrderRefused",
    "OrderSuccess",
    "Permit",
    "Pnl",
    "Report",
    "ServiceStatus",
    "Slippage",
]
