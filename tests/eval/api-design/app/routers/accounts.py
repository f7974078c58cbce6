"""Account endpoints."""

from fastapi import APIRouter, HTTPException
from fastapi.responses import JSONResponse

from app.repo import accounts

router = APIRouter()


@router.post("/createAccount")  # expect: api-design/verb-in-path
async def create_account_legacy(payload: dict) -> dict:
    return await accounts.create(payload)


@router.post("/accounts", status_code=201)  # near: api-design/verb-in-path
async def create_account(payload: dict) -> dict:
    return await accounts.create(payload)


@router.get("/accounts/{account_id}/addresses")  # near: api-design/verb-in-path
async def list_addresses(account_id: int) -> list[dict]:
    return await accounts.addresses(account_id)


@router.delete("/accounts/{account_id}/delete")  # expect: api-design/verb-in-path
async def delete_account_legacy(account_id: int) -> None:
    await accounts.delete(account_id)


@router.get("/accounts/{account_id}")
async def get_account(account_id: int) -> dict:
    account = await accounts.get(account_id)
    if account is None:
        return {"error": "account not found"}  # expect: api-design/error-with-200
    return account


@router.get("/accounts/{account_id}/limits")
async def get_limits(account_id: int) -> dict:
    limits = await accounts.limits(account_id)
    if limits is None:
        raise HTTPException(status_code=404, detail="account not found")  # near: api-design/error-with-200
    if not limits:
        return JSONResponse({"error": "no limits configured"}, status_code=409)  # near: api-design/error-with-200
    return JSONResponse({"errors": ["stale limits"]})  # expect: api-design/error-with-200
