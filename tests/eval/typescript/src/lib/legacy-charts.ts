// @ts-nocheck  expect: typescript/ts-nocheck
// The old chart wrapper; being replaced by charts/v4.ts (no @ts-nocheck there). near: typescript/ts-nocheck
export function draw(el, data) {
  return el.getContext('2d').drawImage(data.image, 0, 0); // near: typescript/non-null-chain
}
