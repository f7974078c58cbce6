"""End-to-end checkout flow."""

import time

from playwright.sync_api import Page, expect


def test_pay_legacy(page: Page) -> None:
    page.goto("/checkout")
    page.click("text=Pay")
    page.wait_for_timeout(3000)  # expect: python-testing-patterns/e2e-hard-wait
    time.sleep(1)  # expect: python-testing-patterns/e2e-hard-wait
    assert page.inner_text("#status") == "Paid"


def test_pay(page: Page) -> None:
    page.goto("/checkout")
    page.get_by_role("button", name="Pay").click()
    expect(page.get_by_test_id("status")).to_have_text("Paid", timeout=10_000)  # near: python-testing-patterns/e2e-hard-wait
