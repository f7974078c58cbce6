import { test, expect } from '@playwright/test';

test.describe('checkout', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/cart', { waitUntil: 'networkidle' }); // expect: testing/pw-networkidle
    await page.goto('/cart', { waitUntil: 'domcontentloaded' }); // near: testing/pw-networkidle
  });

  test('pays with a saved card', async ({ page }) => {
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForTimeout(3000); // expect: testing/pw-wait-for-timeout
    expect(await page.getByText('Payment received').isVisible()).toBe(true); // expect: testing/pw-non-retrying-assertion
    await expect(page.getByText('Payment received')).toBeVisible(); // near: testing/pw-non-retrying-assertion
    await page.waitForURL('**/orders/*'); // near: testing/pw-wait-for-timeout
  });

  test('shows every line item', async ({ page }) => {
    const rows = await page.$$('table.cart tr'); // expect: testing/pw-element-handle
    expect(rows.length).toBe(3);
    await expect(page.getByRole('row')).toHaveCount(4); // near: testing/pw-element-handle
    const total = await page.locator('//div[@class="summary"]/span[2]').textContent(); // expect: testing/pw-xpath-locator
    const sameTotal = page.locator('[data-testid="cart-total"]'); // near: testing/pw-xpath-locator
    expect(total).toBe('€42.00');
    await expect(sameTotal).toHaveText('€42.00');
  });

  test('applies a coupon', async ({ page }) => {
    await page.getByLabel('Coupon').fill('SPRING10');
    await page.getByRole('button', { name: 'Apply' }).click({ force: true }); // expect: testing/pw-force-action
    await page.getByRole('button', { name: 'Apply' }).click({ timeout: 5000 }); // near: testing/pw-force-action
    await page.waitForLoadState('domcontentloaded'); // near: testing/pw-networkidle
  });

  test.only('keeps the cart after reload', async ({ page }) => { // expect: javascript-testing-patterns/focused-test
    await page.reload();
    await expect(page.getByRole('row')).toHaveCount(4);
  });

  test.skip(({ browserName }) => browserName === 'webkit', 'Apple Pay sheet is not automatable'); // near: javascript-testing-patterns/skipped-test
});
