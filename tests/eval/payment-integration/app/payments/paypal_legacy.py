"""Old PayPal integration, being replaced by Orders v2."""

import httpx
import paypalrestsdk  # expect: payment-integration/paypal-legacy-sdk

PAYPAL_API = "https://api-m.paypal.com"


def create_order(order_body: dict, auth_headers: dict) -> dict:
    # replaces paypalrestsdk.Payment(...).create()  # near: payment-integration/paypal-legacy-sdk
    resp = httpx.post(f"{PAYPAL_API}/v2/checkout/orders", json=order_body, headers=auth_headers, timeout=10)
    resp.raise_for_status()
    return resp.json()


def legacy_payment(body: dict):
    return paypalrestsdk.Payment(body).create()
