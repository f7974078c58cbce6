"""ORM models for invoicing."""

from decimal import Decimal

from sqlalchemy import Float, ForeignKey, Numeric
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Invoice(Base):
    __tablename__ = "invoices"

    id: Mapped[int] = mapped_column(primary_key=True)
    total_amount: Mapped[float] = mapped_column(Float, nullable=False)  # expect: database-design/money-float-orm
    tax_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2), nullable=False)  # near: database-design/money-float-orm
    exchange_rate: Mapped[float] = mapped_column(Float, nullable=False)  # near: database-design/money-float-orm
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
