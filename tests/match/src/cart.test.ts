import { describe, expect, it } from "vitest";
import { total } from "./cart";

describe("total", () => {
  it("sums line items", () => {
    expect(total([{ price: 2, qty: 3 }])).toBe(6);
  });
});
