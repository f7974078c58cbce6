"""Password, token and session helpers."""

import hashlib
import hmac
import random
import secrets
import string

import jwt
from argon2 import PasswordHasher

ph = PasswordHasher()


def hash_password_legacy(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()  # expect: auth-implementation-patterns/fast-hash-password


def file_checksum(data: bytes, expected_digest: str) -> bool:
    new_digest = hashlib.sha256(data).hexdigest()  # near: auth-implementation-patterns/fast-hash-password
    return new_digest == expected_digest  # near: auth-implementation-patterns/timing-unsafe-compare


def hash_password(password: str) -> str:
    return ph.hash(password)


def read_claims_unverified(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})  # expect: auth-implementation-patterns/jwt-no-verify


def read_claims(token: str, public_key: str) -> dict:
    return jwt.decode(token, public_key, algorithms=["RS256"], audience="orders-api")  # near: auth-implementation-patterns/jwt-no-verify


def read_any_claims(token: str, key: str) -> dict:
    return jwt.decode(token, key, algorithms=["HS256", "none"])  # expect: auth-implementation-patterns/jwt-none-alg


def read_service_claims(token: str, key: str) -> dict:
    return jwt.decode(token, key, algorithms=["HS256"])  # near: auth-implementation-patterns/jwt-none-alg


def check_webhook(body: bytes, provided_signature: str, secret: bytes) -> bool:
    expected_signature = hmac.new(secret, body, hashlib.sha256).hexdigest()
    if provided_signature == expected_signature:  # expect: auth-implementation-patterns/timing-unsafe-compare
        return True
    return hmac.compare_digest(provided_signature, expected_signature)  # near: auth-implementation-patterns/timing-unsafe-compare


def is_bearer(token_type: str) -> bool:
    return token_type == "bearer"  # near: auth-implementation-patterns/timing-unsafe-compare


def new_reset_code() -> str:
    reset_code = "".join(random.choices(string.digits, k=6))  # expect: auth-implementation-patterns/insecure-random-token
    return reset_code


def new_api_token() -> str:
    api_token = secrets.token_urlsafe(32)  # near: auth-implementation-patterns/insecure-random-token
    country_code = random.choice(["DE", "FR"])  # near: auth-implementation-patterns/insecure-random-token
    return api_token + country_code


def login_response(response, sid: str) -> None:
    response.set_cookie("session", sid, httponly=False, secure=False)  # expect: auth-implementation-patterns/insecure-cookie
    response.set_cookie("session", sid, httponly=True, secure=True, samesite="lax")  # near: auth-implementation-patterns/insecure-cookie
