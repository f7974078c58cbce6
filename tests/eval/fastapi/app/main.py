"""Orders service entry point."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from redis.asyncio import Redis

from app.routers import orders
from app.settings import settings

legacy = FastAPI(debug=True)  # expect: fastapi/debug-app


@legacy.on_event("startup")  # expect: fastapi/on-event
async def connect_redis() -> None:
    legacy.state.redis = Redis.from_url(settings.redis_url)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.redis = Redis.from_url(settings.redis_url)
    yield
    await app.state.redis.aclose()


app = FastAPI(debug=settings.debug, lifespan=lifespan)  # near: fastapi/debug-app
app.include_router(orders.router)
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)  # expect: fastapi/cors-wildcard-credentials
app.add_middleware(
    CORSMiddleware,
    allow_origins=settings.cors_origins,  # near: fastapi/cors-wildcard-credentials
    allow_credentials=True,
)


@app.get("/events")  # near: fastapi/on-event
async def events() -> dict[str, str]:
    return {"startup": "done"}
