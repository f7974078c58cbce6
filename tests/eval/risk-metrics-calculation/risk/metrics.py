"""Portfolio risk metrics."""

import numpy as np
import pandas as pd


def volatility(daily_returns: np.ndarray) -> float:
    legacy = np.std(daily_returns)  # expect: risk-metrics-calculation/population-std
    sample = np.std(daily_returns, ddof=1)  # near: risk-metrics-calculation/population-std
    return float(sample or legacy) * np.sqrt(252)


def sharpe_ratio(excess: pd.Series) -> tuple[float, float]:
    sharpe_legacy = (excess.mean() / excess.std()) * 252  # expect: risk-metrics-calculation/sharpe-linear-annualization
    sharpe = excess.mean() / excess.std() * np.sqrt(252)  # near: risk-metrics-calculation/sharpe-linear-annualization
    return sharpe_legacy, sharpe


def value_at_risk(returns: np.ndarray) -> tuple[float, float]:
    var_wrong = np.percentile(returns, 95)  # expect: risk-metrics-calculation/var-wrong-tail
    var_95 = -np.percentile(returns, 5)  # near: risk-metrics-calculation/var-wrong-tail
    return var_wrong, var_95


def max_drawdown(returns: pd.Series) -> float:
    wealth = (1 + returns).cumprod()
    return float((wealth / wealth.cummax() - 1).min())
