"""Reference values for tests/causal (not run by the tests; CI has no statsmodels).

Run: /usr/bin/python3 tests/causal/reference.py
"""
import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf
from scipy import stats


def wave(n, a, b, m):
    return np.array([(i * a + b) % m for i in range(n)], dtype=float)


np.set_printoptions(precision=17)

# --- OLS ---------------------------------------------------------------
n = 15
x1, x2, x3 = wave(n, 7, 3, 11), wave(n, 5, 1, 13), wave(n, 3, 2, 7)
y = 2 + 1.5 * x1 - 0.7 * x2 + 0.3 * x3 + wave(n, 4, 0, 9) / 3
X = sm.add_constant(np.column_stack([x1, x2, x3]))
fit = sm.OLS(y, X).fit()
print("ols params", repr(fit.params.tolist()), "r2", repr(fit.rsquared), "ssr", repr(fit.ssr))
print("lstsq", repr(np.linalg.lstsq(X, y, rcond=None)[0].tolist()))
fit0 = sm.OLS(y, np.column_stack([x1, x2, x3])).fit()
print("ols no intercept params", repr(fit0.params.tolist()), "r2 (uncentred)", repr(fit0.rsquared))
lam = 2.5
D = np.diag([0, 1, 1, 1.0])
print("ridge 2.5 params", repr(np.linalg.solve(X.T @ X + lam * D, X.T @ y).tolist()))

# --- t quantiles ---------------------------------------------------------
# scipy's t.ppf is only good to ~1e-9 here (t.ppf(0.975, 56) is 1.4e-9 low);
# the exact root of the regularised incomplete beta by mpmath is the reference.
import mpmath as mp

mp.mp.dps = 40
for p, df in [(0.975, 10), (0.975, 56), (0.975, 32), (0.025, 2.5), (0.999, 1)]:
    lower = lambda x: mp.betainc(mp.mpf(df) / 2, 0.5, 0, df / (df + x * x), regularized=True) / 2
    root = mp.findroot(lambda x: lower(x) - min(mp.mpf(p), 1 - mp.mpf(p)), abs(stats.t.ppf(p, df)))
    print("t quantile", p, df, "mpmath", mp.nstr(root if p > 0.5 else -root, 20), "scipy", repr(stats.t.ppf(p, df)))

# --- DiD -------------------------------------------------------------------
n, launch = 30, 18
t = np.arange(n)
treated = 50 + wave(n, 7, 3, 11) + 5 * (t >= launch) + wave(n, 3, 1, 5) * (t >= launch)
comparison = 40 + wave(n, 5, 1, 13)
d = pd.DataFrame({
    "y": np.concatenate([treated, comparison]),
    "treated": [1] * n + [0] * n,
    "post": np.concatenate([(t >= launch).astype(int)] * 2),
    "day": np.concatenate([t, t]),
})
r = smf.ols("y ~ treated * post", d).fit(cov_type="HC2", use_t=True)
print("did estimate", repr(r.params["treated:post"]), "se", repr(r.bse["treated:post"]),
      "ci", repr(r.conf_int().loc["treated:post"].tolist()), "p", repr(r.pvalues["treated:post"]), "df", r.df_resid)
rc = smf.ols("y ~ treated * post", d).fit()
print("did classical se (not used)", repr(rc.bse["treated:post"]))
pre = d[d.post == 0]
r = smf.ols("y ~ treated * day", pre).fit(cov_type="HC2", use_t=True)
print("pretrend diff", repr(r.params["treated:day"]), "se", repr(r.bse["treated:day"]),
      "ci", repr(r.conf_int().loc["treated:day"].tolist()), "p", repr(r.pvalues["treated:day"]), "df", r.df_resid)

# --- impact point estimates ---------------------------------------------------
n, launch = 40, 28
c1, c2 = 100 + wave(n, 7, 3, 17), 50 + wave(n, 5, 2, 11)
t = np.arange(n)
y = 10 + 0.8 * c1 + 1.2 * c2 + wave(n, 3, 1, 7) + 6 * (t >= launch)
X = sm.add_constant(np.column_stack([c1, c2]))
r = sm.OLS(y[:launch], X[:launch]).fit()
pred = X @ r.params
print("impact params", repr(r.params.tolist()), "r2", repr(r.rsquared), "residual sd", repr(np.sqrt(r.scale)))
eff = y[launch:] - pred[launch:]
print("impact cumulative", repr(eff.sum()), "average", repr(eff.mean()), "relative", repr(eff.sum() / pred[launch:].sum()))
print("impact predicted[30]", repr(pred[30]), "predicted[5]", repr(pred[5]))
print("percentile", repr(np.percentile([4, 1, 3, 2], [50, 2.5, 97.5]).tolist()), repr(np.percentile(wave(1000, 7919, 13, 1009), [2.5, 97.5]).tolist()))
