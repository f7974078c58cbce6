import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyCoupon, Cart, totalOf } from './cart';
import * as api from './api';

afterEach(() => vi.restoreAllMocks());

describe('Cart', () => {
  it.only('adds items', () => { // expect: javascript-testing-patterns/focused-test
    const cart = new Cart();
    cart.add({ sku: 'A1', price: 1000, qty: 2 });
    expect(totalOf(cart)).toBe(2000);
  });

  it('removes items', () => { // near: javascript-testing-patterns/focused-test
    const cart = new Cart([{ sku: 'A1', price: 1000, qty: 1 }]);
    cart.remove('A1');
    expect(cart.isEmpty()).toBe(true);
  });

  describe.only('with coupons', () => { // expect: javascript-testing-patterns/focused-test
    it('rejects unknown coupons', () => {
      expect(applyCoupon('NOPE')).rejects.toThrow('unknown coupon'); // expect: javascript-testing-patterns/unawaited-async-expect
    });

    it('accepts known coupons', async () => {
      await expect(applyCoupon('SPRING10')).resolves.toEqual({ percent: 10 }); // near: javascript-testing-patterns/unawaited-async-expect
    });

    it('returns the assertion', () => {
      return expect(applyCoupon('SPRING10')).resolves.toBeDefined(); // near: javascript-testing-patterns/unawaited-async-expect
    });
  });

  it.skip('rounds totals to cents', () => { // expect: javascript-testing-patterns/skipped-test
    expect(totalOf(new Cart([{ sku: 'B', price: 333, qty: 3 }]))).toBe(999);
  });

  it.skip('charges VAT per country', () => { // FIXME(PAY-412): needs the new tax table  near: javascript-testing-patterns/skipped-test
    expect(true).toBe(true);
  });

  it.todo('splits shipping across parcels'); // near: javascript-testing-patterns/skipped-test

  it('syncs with the server', async () => {
    const spy = vi.spyOn(api, 'saveCart').mockResolvedValue({ ok: true });
    const cart = new Cart();
    cart.add({ sku: 'A1', price: 1000, qty: 1 });
    await new Promise((r) => setTimeout(r, 500)); // expect: javascript-testing-patterns/sleep-in-test
    expect(spy).toHaveBeenCalledOnce();
  });

  it('debounces saves', async () => {
    vi.useFakeTimers();
    const spy = vi.spyOn(api, 'saveCart').mockResolvedValue({ ok: true });
    new Cart().add({ sku: 'A1', price: 1000, qty: 1 });
    await vi.advanceTimersByTimeAsync(500); // near: javascript-testing-patterns/sleep-in-test
    expect(spy).toHaveBeenCalledOnce();
    vi.useRealTimers();
  });
});
