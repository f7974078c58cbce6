"""Request and response models for the users API."""

from typing import Dict, List, Optional  # expect: python-type-safety/typing-legacy-generics
from typing import Annotated, Protocol  # near: python-type-safety/typing-legacy-generics

from pydantic import BaseModel, ConfigDict, field_validator, validator


class UserOut(BaseModel):
    id: int
    email: str
    tags: List[str] = []
    quotas: Dict[str, Optional[int]] = {}

    class Config:  # expect: python-type-safety/pydantic-class-config
        orm_mode = True  # expect: python-type-safety/pydantic-orm-mode


class TeamOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # near: python-type-safety/pydantic-orm-mode
    id: int
    name: Annotated[str, "display name"]


class Signup(BaseModel):
    email: str
    nickname: str

    @validator("email")  # expect: python-type-safety/pydantic-validator
    def lower_email(cls, v):
        return v.lower()

    @field_validator("nickname")  # near: python-type-safety/pydantic-validator
    @classmethod
    def strip_nickname(cls, v: str) -> str:
        return v.strip()


class Store(Protocol):
    def get(self, key: str) -> bytes | None: ...


class Meta:  # near: python-type-safety/pydantic-class-config
    ordering = ["id"]


def to_payload(data: dict) -> dict:
    legacy = Signup.parse_obj(data).dict(exclude_none=True)  # expect: python-type-safety/pydantic-v1-methods
    current = Signup.model_validate(data).model_dump(exclude_none=True)  # near: python-type-safety/pydantic-v1-methods
    return legacy | current


def load_store(factory) -> Store:
    store = factory()  # type: ignore  # expect: python-type-safety/bare-type-ignore
    other = factory()  # type: ignore[no-untyped-call]  # near: python-type-safety/bare-type-ignore
    return store or other
