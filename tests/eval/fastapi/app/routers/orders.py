"""Order endpoints."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.declarative import declarative_base  # expect: fastapi/legacy-declarative-base
from sqlalchemy.orm import DeclarativeBase, Session  # near: fastapi/legacy-declarative-base

from app.db import SessionLocal
from app.models import Order
from app.schemas import OrderOut

router = APIRouter(prefix="/orders", tags=["orders"])
LegacyBase = declarative_base()


class Base(DeclarativeBase):
    pass


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]


@router.get("/{order_id}", response_model=OrderOut)
async def get_order(order_id: int, session: SessionDep) -> Order:
    order = await session.scalar(select(Order).where(Order.id == order_id))  # near: fastapi/legacy-query
    if order is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "order not found")
    return order


def count_open(db: Session) -> int:
    return db.query(Order).filter(Order.status == "open").count()  # expect: fastapi/legacy-query
