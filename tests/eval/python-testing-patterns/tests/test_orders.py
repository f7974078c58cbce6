"""Order service tests."""

import unittest
from decimal import Decimal

import pytest

from orders.errors import InvalidAmount
from orders.parse import parse_amount
from orders.service import Order


def test_parse_amount_rejects_garbage():
    with pytest.raises(Exception):  # expect: python-testing-patterns/broad-raises
        parse_amount("12,3.4")


def test_parse_amount_message():
    with pytest.raises(InvalidAmount, match="more than one decimal separator"):  # near: python-testing-patterns/broad-raises
        parse_amount("12,3.4")


@pytest.mark.skip  # expect: python-testing-patterns/skip-without-reason
def test_refund_webhook():
    assert parse_amount("1") == Decimal("1")


@pytest.mark.skip(reason="flaky upstream sandbox, see #482")  # near: python-testing-patterns/skip-without-reason
def test_refund_sandbox():
    assert parse_amount("2") == Decimal("2")


class OrderTest(unittest.TestCase):
    def test_total(self):
        order = Order(lines=[("sku-1", 3, Decimal("9.99"))])
        self.assertEquals(order.total(), Decimal("29.97"))  # expect: python-testing-patterns/deprecated-assert-alias
        self.assertEqual(order.total(), Decimal("29.97"))  # near: python-testing-patterns/deprecated-assert-alias

    def test_status(self):
        order = Order(lines=[])
        self.assertTrue(order.status == "draft")  # expect: python-testing-patterns/assert-true-compare
        self.assertTrue(order.is_empty())  # near: python-testing-patterns/assert-true-compare
        self.assertEqual(order.status, "draft")
