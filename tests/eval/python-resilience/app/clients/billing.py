"""Thin client for the billing service."""

from urllib.request import urlopen

import requests
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

BILLING_URL = "https://billing.internal.example"


def get_invoice(invoice_id: str) -> dict:
    resp = requests.get(f"{BILLING_URL}/invoices/{invoice_id}")  # expect: python-resilience/requests-no-timeout
    resp.raise_for_status()
    return resp.json()


def get_invoice_pdf(invoice_id: str) -> bytes:
    resp = requests.get(f"{BILLING_URL}/invoices/{invoice_id}.pdf", timeout=(3.05, 30))  # near: python-resilience/requests-no-timeout
    return resp.content


def health() -> bool:
    with urlopen(f"{BILLING_URL}/health") as resp:  # expect: python-resilience/urlopen-no-timeout
        return resp.status == 200


def ready() -> bool:
    with urlopen(f"{BILLING_URL}/ready", timeout=2) as resp:  # near: python-resilience/urlopen-no-timeout
        return resp.status == 200


def raw_open(pool, url: str, **kw):
    return pool.urlopen("GET", url, **kw)  # near: python-resilience/urlopen-no-timeout


@retry  # expect: python-resilience/retry-forever
def fetch_plan(plan_id: str) -> dict:
    return requests.get(f"{BILLING_URL}/plans/{plan_id}", timeout=5).json()


@retry(  # near: python-resilience/retry-forever
    retry=retry_if_exception_type(requests.ConnectionError),
    stop=stop_after_attempt(4),
    wait=wait_exponential_jitter(initial=0.5, max=8),
    reraise=True,
)
def fetch_price(price_id: str) -> dict:
    return requests.get(f"{BILLING_URL}/prices/{price_id}", timeout=5).json()


def post_invoice(payload: dict) -> dict:
    resp = requests.post(  # expect: python-resilience/requests-no-timeout
        f"{BILLING_URL}/invoices",
        json=payload,
    )
    return resp.json()


def post_invoice_bounded(payload: dict) -> dict:
    resp = requests.post(  # near: python-resilience/requests-no-timeout
        f"{BILLING_URL}/invoices",
        json=payload,
        timeout=(3.05, 30),
    )
    return resp.json()
