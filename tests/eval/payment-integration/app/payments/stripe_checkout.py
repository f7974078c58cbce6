"""Stripe checkout and webhooks."""

import json
import logging
import os
from decimal import ROUND_HALF_UP, Decimal

import stripe
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

logger = logging.getLogger(__name__)

LEGACY_KEY = "sk_live_51HxQbF2eZvKYlo2C8h7Xyz0aBc"  # expect: secrets-management/stripe-live-key
SANDBOX_KEY = "sk_test_51HxQbF2eZvKYlo2C8h7Xyz0aBc"  # expect: payment-integration/test-secret-key
stripe.api_key = os.environ["STRIPE_SECRET_KEY"]  # near: payment-integration/test-secret-key
PUBLISHABLE_KEY = "pk_test_51HxQbF2eZvKYlo2C8h7Xyz0aBc"  # near: payment-integration/test-secret-key


class Base(DeclarativeBase):
    pass


class SavedCard(Base):
    __tablename__ = "saved_cards"
    id: Mapped[int] = mapped_column(primary_key=True)
    cvv: Mapped[str] = mapped_column(String(4))  # expect: payment-integration/card-data-stored
    last4: Mapped[str] = mapped_column(String(4))  # near: payment-integration/card-data-stored
    payment_method_id: Mapped[str] = mapped_column(String(64))


def charge_legacy(order, token: str):
    amount = int(order.total * 100)  # expect: payment-integration/float-amount
    return stripe.Charge.create(amount=amount, currency="eur", source=token)  # expect: payment-integration/legacy-charges


def create_intent(order):
    amount = int((order.total * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))  # near: payment-integration/float-amount
    return stripe.PaymentIntent.create(  # near: payment-integration/legacy-charges
        amount=amount,
        currency="eur",
        automatic_payment_methods={"enabled": True},
        idempotency_key=f"order-{order.id}",
    )


def webhook_legacy(request):
    event = stripe.Event.construct_from(json.loads(request.body), stripe.api_key)  # expect: payment-integration/unverified-webhook
    return event.type


def webhook(request, secret: str):
    event = stripe.Webhook.construct_event(request.body, request.headers["Stripe-Signature"], secret)  # near: payment-integration/unverified-webhook
    return event.type


def log_attempt(card_number: str, cvv: str, pm) -> None:
    logger.info("charging card %s cvv %s", card_number, cvv)  # expect: payment-integration/card-data-logged
    logger.info("charging payment method %s (last4 %s)", pm.id, pm.card.last4)  # near: payment-integration/card-data-logged
