"""Discount rules."""

import logging

logger = logging.getLogger(__name__)


def apply_discount(order) -> float:
    breakpoint()  # expect: debugging-strategies/leftover-breakpoint
    return order.total * (1 - order.discount)


def apply_coupon(order, coupon) -> float:
    import pdb; pdb.set_trace()  # expect: debugging-strategies/leftover-breakpoint
    return order.total - coupon.amount


def apply_bundle(order) -> float:
    logger.debug("bundle discount on order %s", order.id)  # near: debugging-strategies/leftover-breakpoint
    print("DEBUG bundle", order.id)  # expect: debugging-strategies/debug-print
    print("Applied bundle discount to", order.id)  # near: debugging-strategies/debug-print
    return order.total * 0.9


def explain() -> str:
    return "call breakpoint() in a shell to inspect"  # near: debugging-strategies/leftover-breakpoint
