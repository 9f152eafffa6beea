"""freqtrade's IStrategy as far as the example uses it: the bot's config."""

from typing import Any, Dict


class IStrategy:
    def __init__(self, config: Dict[str, Any]) -> None:
        self.config = config
