import stripe

stripe.api_key_env = "STRIPE_SECRET_KEY"


def create_session(order_id: str, amount_cents: int) -> str:
    session = stripe.checkout.Session.create(
        mode="payment",
        line_items=[{"price_data": {"currency": "eur", "unit_amount": amount_cents, "product_data": {"name": order_id}}, "quantity": 1}],
        success_url="https://example.com/ok",
        idempotency_key=f"checkout-{order_id}",
    )
    return session.url
