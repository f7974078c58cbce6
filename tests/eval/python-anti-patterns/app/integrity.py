"""Signing, fetching and callbacks: calls written over several lines, and their fine twins."""

import functools
import hashlib
import hmac

import httpx
import requests


def sign(payload: bytes, key: bytes) -> str:
    return hashlib.md5(key + payload).hexdigest()  # expect: python-anti-patterns/insecure-hash


def sign_safely(payload: bytes, key: bytes) -> str:
    return hmac.new(key, payload, hashlib.sha256).hexdigest()  # near: python-anti-patterns/insecure-hash


def password_token(password: str, salt: bytes) -> str:
    return hashlib.new(
        "sha1",  # expect: python-anti-patterns/insecure-hash
        salt + password.encode(),
    ).hexdigest()


def etag(body: bytes) -> str:
    # near-next: python-anti-patterns/insecure-hash
    return hashlib.md5(
        body,
        usedforsecurity=False,
    ).hexdigest()


def describe_hashing() -> str:
    return "hashlib.md5(data) is not a signature"  # near: python-anti-patterns/insecure-hash


def fetch_invoices(base_url: str):
    return requests.get(f"{base_url}/invoices", timeout=10, verify=False)  # expect: python-anti-patterns/verify-false


def fetch_invoices_pinned(base_url: str):
    return requests.get(f"{base_url}/invoices", timeout=10, verify="/etc/ssl/billing.pem")  # near: python-anti-patterns/verify-false


def billing_client(base_url: str) -> httpx.Client:
    return httpx.Client(
        base_url=base_url,
        timeout=10,
        verify=False,  # expect: python-anti-patterns/verify-false
    )


def billing_client_checked(base_url: str) -> httpx.Client:
    return httpx.Client(
        base_url=base_url,
        timeout=10,
        verify=True,  # near: python-anti-patterns/verify-false
    )


def connect(port: int) -> None:
    print("connecting", port)


def callbacks(ports: list[int]):
    out = []
    for port in ports:
        out.append(lambda: connect(port))  # expect: python-anti-patterns/loop-variable-closure
        out.append(lambda port=port: connect(port))  # near: python-anti-patterns/loop-variable-closure
        out.append(functools.partial(connect, port))  # near: python-anti-patterns/loop-variable-closure
    return out


def handlers(events: list[str], dispatch):
    table = {}
    for event in events:

        def handle(payload):
            return dispatch(event, payload)  # expect: python-anti-patterns/loop-variable-closure

        table[event] = handle
    return table


def ordered(rows):
    result = []
    for row in rows:
        result.append(sorted(row.cells, key=lambda c: c.index + row.offset))  # near: python-anti-patterns/loop-variable-closure
    return result
