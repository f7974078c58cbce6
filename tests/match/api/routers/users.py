from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel

router = APIRouter(prefix="/users")


class User(BaseModel):
    id: int
    email: str


@router.get("/{user_id}")
async def get_user(user_id: int) -> User:
    raise HTTPException(status_code=404)
