"""Clean refunds, counting what coercion rejects."""

import pandas as pd


class DataQualityError(Exception):
    pass


def parse_refunds(df: pd.DataFrame) -> pd.DataFrame:
    amount = pd.to_numeric(df["amount"], errors="coerce")  # near: data-quality/silent-coerce
    bad = amount.isna() & df["amount"].notna()
    if bad.mean() > 0.001:
        raise DataQualityError(f"{bad.sum()} unparseable refund amounts")
    df["amount"] = amount
    return df
