"""SQLAlchemy implementation of the OrderRepository port."""

from sqlalchemy import select  # near: architecture-patterns/domain-imports-infrastructure
from sqlalchemy.orm import Session

from app.domain.order import Order


class SqlOrderRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, order_id: int) -> Order | None:
        return self._session.scalar(select(Order).where(Order.id == order_id))
