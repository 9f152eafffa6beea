from dataclasses import dataclass
from typing import Optional, Union
from uuid import UUID


@dataclass
class Order:
    id: UUID
    symbol: str
    qty: Optional[Union[str, float]]
    filled_avg_price: Optional[Union[str, float]]
