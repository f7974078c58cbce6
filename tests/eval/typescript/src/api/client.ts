import { z } from 'zod';
import type { Order, User } from './types';

const UserSchema = z.object({ id: z.string(), email: z.string().email() });

export async function getUser(id: string): Promise<any> { // expect: typescript/explicit-any
  const res = await fetch(`/api/users/${id}`);
  return (await res.json()) as any; // expect: typescript/as-any
}

export async function getUserChecked(id: string): Promise<User> { // near: typescript/explicit-any
  const res = await fetch(`/api/users/${id}`);
  const body: unknown = await res.json(); // near: typescript/explicit-any
  return UserSchema.parse(body) as User; // near: typescript/as-any
}

export function logPayload(payload: Record<string, any>, ...rest: any[]): void { // expect: typescript/explicit-any
  const anyOrder = rest.find((r) => r.kind === 'order'); // near: typescript/explicit-any
  const hasAny = rest.some(Boolean); // near: typescript/as-any
  report(payload, anyOrder, hasAny);
}

export function parseOrder(raw: string): Order {
  return JSON.parse(raw) as unknown as Order; // expect: typescript/double-cast
}

export function parseOrderSafely(raw: string): Order {
  const data: unknown = JSON.parse(raw); // near: typescript/double-cast
  return OrderSchema.parse(data);
}

export function totalFor(cart: { items: { id: string; price: number }[] }, id: string, qty: number): number {
  const price = cart.items.find((i) => i.id === id)!.price; // expect: typescript/non-null-chain
  const fallback = cart.items.find((i) => i.id === id)?.price ?? 0; // near: typescript/non-null-chain
  if (price !== fallback) return 0; // near: typescript/non-null-chain
  return price * qty;
}

function report(...args: unknown[]): void {
  void args;
}

declare const OrderSchema: z.ZodType<Order>;

declare global {
  var apiClientInstance: ApiClient | undefined; // near: javascript/var-declaration
}

export type Handler<
  T = any, // expect: typescript/explicit-any
  R = unknown, // near: typescript/explicit-any
> = (value: T) => R;
