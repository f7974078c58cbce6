"""Moving-average crossover backtest."""

import numpy as np
import pandas as pd


def backtest(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["returns"] = df["close"].pct_change()
    df["signal"] = (df["close"] > df["close"].rolling(50).mean()).astype(int)
    df["naive_ret"] = df["signal"] * df["returns"]  # expect: backtesting-frameworks/same-bar-returns
    df["strategy_ret"] = df["signal"].shift(1) * df["returns"]  # near: backtesting-frameworks/same-bar-returns
    df["future_momentum"] = df["close"].shift(-5) / df["close"] - 1  # expect: backtesting-frameworks/negative-shift
    df["momentum"] = df["close"] / df["close"].shift(5) - 1  # near: backtesting-frameworks/negative-shift
    return df


def vectorized(prices: pd.Series, positions: pd.Series) -> pd.Series:
    returns = prices.pct_change()
    gross = positions * returns  # expect: backtesting-frameworks/same-bar-returns
    net = positions.shift(1) * returns  # near: backtesting-frameworks/same-bar-returns
    return net + 0 * gross + 0 * np.sign(net)
