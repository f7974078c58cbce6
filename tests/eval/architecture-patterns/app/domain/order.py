"""Order aggregate."""

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session  # expect: architecture-patterns/domain-imports-infrastructure

from app.domain.events import OrderConfirmed  # near: architecture-patterns/domain-imports-infrastructure

_confirmed_count = 0


@dataclass
class Order:
    id: int
    lines: list[tuple[str, int, Decimal]] = field(default_factory=list)
    status: str = "draft"

    def confirm(self) -> OrderConfirmed:
        global _confirmed_count  # expect: architecture-patterns/global-statement
        _confirmed_count += 1
        self.status = "confirmed"
        return OrderConfirmed(self.id)

    def confirm_and_save(self, session: Session) -> None:
        self.status = "confirmed"
        session.commit()

    def total(self) -> Decimal:
        # a global total would be wrong here; each order sums its own lines
        return sum((qty * price for _, qty, price in self.lines), Decimal("0"))  # near: architecture-patterns/global-statement
