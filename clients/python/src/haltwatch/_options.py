"""The client's options, checked when it is created: a bot should fail at start-up on a typo, not at
its first order (where `may_trade` would read the error as "no")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ._models import is_number

#: An API token: printable ASCII without spaces, so it survives an Authorization header and a URL query.
API_TOKEN_PATTERN = re.compile(r"^[\x21-\x7e]{16,512}$")
DEFAULT_TIMEOUT = 2.0
MAX_TIMEOUT = 600.0


@dataclass(frozen=True)
class Options:
    base_url: str
    timeout: float


def _plain_http_url(text: str) -> bool:
    try:
        parts = urlsplit(text)
        parts.port  # raises ValueError on a port out of range or not a number
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https") and bool(parts.hostname) and not parts.query and not parts.fragment
    )


def checked_options(base_url: object, token: object, timeout: object) -> Options:
    """The options, or a ValueError (TypeError for a wrong type) naming the field and its value. The
    token's value is never shown, only its length."""
    if not isinstance(base_url, str) or not _plain_http_url(base_url):
        raise ValueError(
            "base_url: an http(s) URL without query or fragment, such as http://127.0.0.1:17321;"
            f" got {base_url!r}"
        )
    if not isinstance(token, str) or not API_TOKEN_PATTERN.match(token):
        got = f"a string of length {len(token)}" if isinstance(token, str) else type(token).__name__
        error = ValueError if isinstance(token, str) else TypeError
        raise error(f"token: the API token, 16 to 512 printable characters without spaces; got {got}")
    seconds = float(timeout) if is_number(timeout) else None
    if seconds is None or not 0 < seconds <= MAX_TIMEOUT:
        raise ValueError(f"timeout: seconds, more than 0 and at most {MAX_TIMEOUT:g}; got {timeout!r}")
    return Options(base_url=base_url.rstrip("/"), timeout=seconds)
