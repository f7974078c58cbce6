"""Price lookups for the checkout."""

import pandas as pd


def price_of(prices: dict[str, float], sku: str) -> float | None:
    if sku in prices.keys():  # expect: python-performance-optimization/keys-membership
        return prices[sku]
    if sku in prices:  # near: python-performance-optimization/keys-membership
        return prices[sku]
    return None


def cheapest(offers: list) -> object:
    first = sorted(offers, key=lambda o: o.price)[0]  # expect: python-performance-optimization/sorted-first
    best = min(offers, key=lambda o: o.price)  # near: python-performance-optimization/sorted-first
    ranked = sorted(offers, key=lambda o: o.price)[:3]  # near: python-performance-optimization/sorted-first
    return best if ranked else first


def totals(df: pd.DataFrame) -> pd.DataFrame:
    for idx, row in df.iterrows():  # expect: python-performance-optimization/iterrows
        df.loc[idx, "total"] = row["qty"] * row["unit_price"]
    df["total"] = df["qty"] * df["unit_price"]  # near: python-performance-optimization/iterrows
    df["label"] = df.apply(lambda r: f"{r['sku']}-{r['qty']}", axis=1)  # expect: python-performance-optimization/apply-lambda
    df["sku_upper"] = df["sku"].apply(lambda s: s.upper())  # near: python-performance-optimization/apply-lambda
    return df
