"""Fixtures for the analysis computations (head pattern scores, tensor stats).

Run from this folder: python3 make_analysis_fixtures.py
Writes small .npy files; the Swift tests (AnalysisCoreTests.swift) compare
against them. The scores follow the definitions in HeadPatterns.swift,
written here independently with numpy.
"""
import numpy as np

rng = np.random.default_rng(6)
H, T = 3, 5
labels = ["the", "cat", "the", "dog", "cat"]
logits = rng.normal(size=(H, T, T)) * np.array([1.0, 3.0, 0.3])[:, None, None]
mask = np.tril(np.ones((T, T)))  # causal
logits = np.where(mask == 1, logits, -np.inf)
p = np.exp(logits - logits.max(axis=-1, keepdims=True))
p = p / p.sum(axis=-1, keepdims=True)
p = p.astype(np.float32)

def scores(ph):
    prev = np.mean([ph[i, i - 1] for i in range(1, T)])
    first = np.mean(ph[:, 0])
    diag = np.mean([ph[i, i] for i in range(T)])
    rows = []
    for i in range(T):
        keys = [j for j in range(T) if j != i and labels[j] == labels[i]]
        if keys:
            rows.append(sum(ph[i, j] for j in keys))
    same = np.mean(rows) if rows else 0.0
    broad = []
    for i in range(T):
        n = int(mask[i].sum())
        if n >= 2:
            q = ph[i][ph[i] > 0].astype(np.float64)
            broad.append(-(q * np.log(q)).sum() / np.log(n))
    return [prev, same, first, diag, np.mean(broad)]

expected = np.array([scores(p[h]) for h in range(H)], dtype=np.float32)  # [H, 5]
np.save("patterns_p.npy", p)
np.save("patterns_mask.npy", mask.astype(np.float32))
np.save("patterns_scores.npy", expected)

x = rng.normal(size=(4, 6)).astype(np.float32) * 3
x[0, 1] = np.nan
x[2, 3] = np.inf
x[3, 0] = -np.inf
x[1, 5] = -np.inf
finite = x[np.isfinite(x)].astype(np.float64)
np.save("stats_x.npy", x)
# min, max, mean, std (ddof=0) of finite values; nan, +inf, -inf counts
np.save("stats_expected.npy", np.array([finite.min(), finite.max(), finite.mean(), finite.std(),
                                        np.isnan(x).sum(), np.isposinf(x).sum(), np.isneginf(x).sum()],
                                       dtype=np.float32))
