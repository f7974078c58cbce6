"""Clean the raw order export before loading."""

import logging

import pandas as pd

logger = logging.getLogger(__name__)


def clean(raw: pd.DataFrame) -> pd.DataFrame:
    df = raw.copy()
    df["created_at"] = pd.to_datetime(df["created_at"], errors="ignore")  # expect: data-quality/errors-ignore
    df["shipped_at"] = pd.to_datetime(df["shipped_at"], errors="raise", utc=True)  # near: data-quality/errors-ignore
    df = df.drop(columns=["legacy_id"], errors="ignore")  # near: data-quality/errors-ignore
    df = df.dropna()  # expect: data-quality/blind-dropna
    before = len(df)
    df = df.dropna(subset=["order_id", "amount"])  # near: data-quality/blind-dropna
    logger.info("dropped %d rows without id or amount", before - len(df))
    return df


def parse_amounts(df: pd.DataFrame) -> pd.DataFrame:
    df["amount"] = pd.to_numeric(df["amount"], errors="coerce")  # expect: data-quality/silent-coerce
    return df
