"""
Reference numbers for tests/forecast/*.test.ts from statsmodels 0.13.5
(Debian's python3-statsmodels), independent of romi's code.

    /usr/bin/python3 tests/forecast/statsmodels_reference.py > tests/forecast/statsmodels_synthetic.json
    /usr/bin/python3 tests/forecast/statsmodels_reference.py ../shared/data/airpassengers/airpassengers.csv

Without an argument it prints the synthetic cases (series generated here with
numpy's default_rng, rounded to 3 decimals, and the fits of the rounded
values), which the tests read from statsmodels_synthetic.json. With the
AirPassengers file it prints the fits of that series instead, whose few
numbers the tests hold as literals (the data itself stays out of the
repository).
"""
import csv
import json
import sys
import warnings

import numpy as np
import pandas as pd
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.statespace.sarimax import SARIMAX

warnings.filterwarnings("ignore")
out = {}


def sarimax_fit(y, **kw):
    """Exact ML, polished from Nelder-Mead by L-BFGS, as tight as statsmodels goes."""
    mod = SARIMAX(y, **kw)
    res = mod.fit(disp=False, method="nm", maxiter=20000)
    res = mod.fit(disp=False, start_params=res.params, method="lbfgs", maxiter=2000)
    return res


synthetic = len(sys.argv) == 1

# ARMA(2,1) with a mean: the mean is intercept / (1 - ar1 - ar2).
rng = np.random.default_rng(7)
e = rng.normal(size=130)
w = np.zeros(130)
for t in range(2, 130):
    w[t] = 0.6 * w[t - 1] - 0.2 * w[t - 2] + e[t] + 0.4 * e[t - 1]
arma = np.round(10 + w[30:], 3)
res = sarimax_fit(arma, order=(2, 0, 1), trend="c")
c, ar1, ar2, ma1, s2 = res.params
out["arma21"] = dict(series=arma.tolist(), ar1=ar1, ar2=ar2, ma1=ma1, mean=c / (1 - ar1 - ar2), sigma2=s2, llf=res.llf,
                     call="SARIMAX(y, order=(2, 0, 1), trend='c').fit(); mean = intercept / (1 - ar1 - ar2)")

# Seasonal AR: ARIMA(1,0,0)(1,0,0)[4] with a mean, quarterly.
rng = np.random.default_rng(11)
e = rng.normal(size=160)
w = np.zeros(160)
for t in range(5, 160):
    w[t] = 0.5 * w[t - 1] + 0.6 * w[t - 4] - 0.3 * w[t - 5] + e[t]
sar = np.round(5 + w[60:], 3)
res = sarimax_fit(sar, order=(1, 0, 0), seasonal_order=(1, 0, 0, 4), trend="c")
c, ar1, sar1, s2 = res.params
out["sar4"] = dict(series=sar.tolist(), ar1=ar1, sar1=sar1, mean=c / ((1 - ar1) * (1 - sar1)), sigma2=s2, llf=res.llf,
                   call="SARIMAX(y, order=(1, 0, 0), seasonal_order=(1, 0, 0, 4), trend='c').fit(); mean = intercept / ((1 - ar1)(1 - sar1))")

# ARIMA(1,1,1) without a constant: the likelihood of the differenced series (simple_differencing=True).
rng = np.random.default_rng(3)
e = rng.normal(size=120)
w = np.zeros(120)
for t in range(1, 120):
    w[t] = -0.5 * w[t - 1] + e[t] + 0.3 * e[t - 1]
integrated = np.round(np.cumsum(w[20:]) + 50, 3)
res = sarimax_fit(integrated, order=(1, 1, 1), simple_differencing=True)
ar1, ma1, s2 = res.params
out["arima111"] = dict(series=integrated.tolist(), ar1=ar1, ma1=ma1, sigma2=s2, llf=res.llf,
                       call="SARIMAX(y, order=(1, 1, 1), simple_differencing=True).fit()")

# KPSS level-stationarity statistics, with forecast's ndiffs lag ⌊3√n / 13⌋.
from statsmodels.tsa.stattools import kpss  # noqa: E402

out["kpss"] = {name: kpss(out[name]["series"], regression="c", nlags=int(3 * np.sqrt(len(out[name]["series"])) / 13))[0] for name in ["arma21", "arima111"]}
out["kpss_call"] = "statsmodels.tsa.stattools.kpss(y, regression='c', nlags=int(3 * sqrt(n) / 13))[0]"

# Monthly series with a trend and a multiplicative season, for ETS.
rng = np.random.default_rng(5)
t = np.arange(72)
season = np.array([0.8, 0.85, 0.95, 1.0, 1.05, 1.1, 1.2, 1.25, 1.1, 1.0, 0.9, 0.8])
monthly = np.round((50 + 0.5 * t) * season[t % 12] * (1 + 0.03 * rng.normal(size=72)), 3)
ys = pd.Series(monthly, index=pd.date_range("2000-01-01", periods=72, freq="MS"))
ets = {}
for key, err, trend, damped, seas in [("AAdA", "add", "add", True, "add"), ("MAdM", "mul", "add", True, "mul"), ("ANA", "add", None, False, "add")]:
    mod = ETSModel(ys, error=err, trend=trend, damped_trend=damped, seasonal=seas, seasonal_periods=12, initialization_method="heuristic")
    res = mod.fit(disp=False, maxiter=10000)
    entry = dict(params=dict(zip(res.param_names, res.params.tolist())), llf=res.llf, mse=res.mse, initial_level=float(mod.initial_level),
                 initial_trend=float(mod.initial_trend) if trend else None, initial_seasonal=np.atleast_1d(mod.initial_seasonal).tolist())
    if err == "add":
        sf = res.get_prediction(start=72, end=72 + 12).summary_frame(alpha=0.05)
        entry.update(mean=sf["mean"].tolist(), lo95=sf["pi_lower"].tolist(), hi95=sf["pi_upper"].tolist())
    ets[key] = entry
out["ets_monthly"] = dict(series=monthly.tolist(), models=ets,
                          call="ETSModel(y, error, trend, damped_trend, seasonal, seasonal_periods=12, initialization_method='heuristic').fit(); "
                               "intervals: get_prediction(start=72, end=84).summary_frame(alpha=0.05)")

if synthetic:
    print(json.dumps(out, indent=1))
    sys.exit(0)
out = {}
if len(sys.argv) > 1:
    rows = list(csv.DictReader(open(sys.argv[1])))
    y = np.array([float(r["passengers"]) for r in rows])
    logy = np.log(y)
    # The airline model: forecasts and standard errors on the log scale, with
    # the integrated states diffuse (simple_differencing=False), as R's predict.Arima.
    res = sarimax_fit(logy, order=(0, 1, 1), seasonal_order=(0, 1, 1, 12), simple_differencing=True)
    ma1, sma1, s2 = res.params
    full = SARIMAX(logy, order=(0, 1, 1), seasonal_order=(0, 1, 1, 12)).smooth(res.params)
    fc = full.get_forecast(12)
    out["airline"] = dict(ma1=ma1, sma1=sma1, sigma2=s2, llf=res.llf, mean=fc.predicted_mean.tolist(), se=fc.se_mean.tolist(),
                          call="SARIMAX(log y, order=(0,1,1), seasonal_order=(0,1,1,12), simple_differencing=True).fit(); "
                               "forecasts: SARIMAX(log y, same orders).smooth(params).get_forecast(12)")
    ys = pd.Series(y, index=pd.date_range("1949-01-01", periods=len(y), freq="MS"))
    ets = {}
    for key, err, trend, damped, seas in [("AAdA", "add", "add", True, "add"), ("MAdM", "mul", "add", True, "mul"), ("ANA", "add", None, False, "add"),
                                          ("AAN", "add", "add", False, None), ("MNN", "mul", None, False, None)]:
        mod = ETSModel(ys, error=err, trend=trend, damped_trend=damped, seasonal=seas, seasonal_periods=12, initialization_method="heuristic")
        res = mod.fit(disp=False, maxiter=10000)
        entry = dict(params=dict(zip(res.param_names, res.params.tolist())), llf=res.llf, mse=res.mse,
                     initial_level=float(mod.initial_level), initial_trend=float(mod.initial_trend) if trend else None,
                     initial_seasonal=np.atleast_1d(mod.initial_seasonal).tolist() if seas else None)
        if err == "add" and seas != "mul":
            sf = res.get_prediction(start=len(y), end=len(y) + 12).summary_frame(alpha=0.05)
            entry.update(mean=sf["mean"].tolist(), lo95=sf["pi_lower"].tolist(), hi95=sf["pi_upper"].tolist())
        ets[key] = entry
    out["ets"] = ets
    out["ets_call"] = ("ETSModel(y, error, trend, damped_trend, seasonal, seasonal_periods=12, initialization_method='heuristic').fit(); "
                       "intervals: get_prediction(start=n, end=n + 12).summary_frame(alpha=0.05)")

print(json.dumps(out, indent=1))
