"""What the client raises. Nothing here ever holds the token."""

from __future__ import annotations

from typing import List, Optional, Sequence

from ._models import FieldIssue


class HaltwatchError(Exception):
    """Haltwatch did not give the answer asked for; for the gate, treat it as "not allowed"."""


class HaltwatchApiError(HaltwatchError):
    """A non-2xx answer: `code` and `issues` as the server sent them (e.g. path `reports[3].expectedPrice`).
    Also an answer that is not what the call answers (code `invalid_response`)."""

    def __init__(
        self, status: int, code: str, message: str, issues: Optional[Sequence[FieldIssue]] = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.issues: List[FieldIssue] = list(issues or [])

    def __repr__(self) -> str:
        return f"HaltwatchApiError(status={self.status}, code={self.code!r}, message={self.message!r})"


class HaltwatchUnavailable(HaltwatchError):
    """No answer: refused, unreachable, or none within the timeout."""
