#!/usr/bin/env python3
"""Makes the gradient fixtures for GradientFixtureTests.

Run from anywhere: python3 make_gradient_fixtures.py. For each case it draws
a layer's weights, an input X and an upstream gradient R (float32), runs an
independent float64 numpy forward pass of docs/reference.md §3.2 on the loss
L = sum(out * R), and differentiates it by central differences
(step 1e-6) for every weight and for X. Files: CASE_NAME.npy, little-endian
float32, C order; gradients are named dNAME.
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rs = np.random.default_rng(20261130)

CASES = {
    # d_model, heads, kv_heads, T, posenc, mask, scale, temperature
    "gqa_rope_causal": dict(d=8, h=4, g=2, t=5, posenc="rope", mask="causal", scale=None, temperature=1.0),
    "alibi_block": dict(d=6, h=2, g=2, t=5, posenc="alibi", mask="block2,2", scale=0.5, temperature=2.0),
    "sinusoidal_window": dict(d=8, h=2, g=1, t=6, posenc="sinusoidal", mask="window1", scale=None, temperature=1.0),
}


def save(name, array):
    np.save(os.path.join(HERE, name + ".npy"), np.asarray(array, dtype="<f4", order="C"))


def allowed(mask, t):
    i, j = np.meshgrid(np.arange(t), np.arange(t), indexing="ij")
    if mask == "causal":
        return j <= i
    if mask == "window1":
        return np.abs(i - j) <= 1
    if mask == "block2,2":
        segment = np.array([0, 0, 1, 1, -1][:t] + [-1] * max(0, t - 5))
        return (segment[i] == segment[j]) & (segment[i] >= 0)
    raise ValueError(mask)


def rope(x, base=10000.0):
    # x [N, T, K]: pair i of row p turns by p * base^(-2i/K).
    n, t, k = x.shape
    y = x.copy()
    for p in range(t):
        for i in range(k // 2):
            theta = p * base ** (-2.0 * i / k)
            c, s = np.cos(theta), np.sin(theta)
            x0, x1 = x[:, p, 2 * i], x[:, p, 2 * i + 1]
            y[:, p, 2 * i] = x0 * c - x1 * s
            y[:, p, 2 * i + 1] = x0 * s + x1 * c
    return y


def sinusoidal(t, d):
    table = np.zeros((t, d))
    for p in range(t):
        for c in range(d):
            angle = p / 10000.0 ** (2 * (c // 2) / d)
            table[p, c] = np.sin(angle) if c % 2 == 0 else np.cos(angle)
    return table


def forward(params, x_in, case):
    d, h, g, t = case["d"], case["h"], case["g"], case["t"]
    k = d // h
    x = x_in + (sinusoidal(t, d) if case["posenc"] == "sinusoidal" else 0)
    q = (x @ params["Wq"] + params["bq"]).reshape(t, h, k).transpose(1, 0, 2)
    kk = (x @ params["Wk"] + params["bk"]).reshape(t, g, k).transpose(1, 0, 2)
    v = (x @ params["Wv"] + params["bv"]).reshape(t, g, k).transpose(1, 0, 2)
    if case["posenc"] == "rope":
        q, kk = rope(q), rope(kk)
    scale = case["scale"] if case["scale"] is not None else 1 / np.sqrt(k)
    group = np.arange(h) // (h // g)
    s = np.einsum("hik,hjk->hij", q, kk[group]) * scale / case["temperature"]
    if case["posenc"] == "alibi":
        distance = np.abs(np.arange(t)[:, None] - np.arange(t)[None, :])
        slopes = 2.0 ** (-8.0 * (np.arange(h) + 1) / h)
        s = s - slopes[:, None, None] * distance
    ok = allowed(case["mask"], t)
    s = np.where(ok, s, -np.inf)
    p = np.zeros_like(s)
    for head in range(h):
        for i in range(t):
            row = s[head, i]
            if np.all(np.isneginf(row)):
                continue
            e = np.exp(row - row.max())
            p[head, i] = e / e.sum()
    z = np.einsum("hij,hjk->hik", p, v[group])
    concat = z.transpose(1, 0, 2).reshape(t, h * k)
    return concat @ params["Wo"] + params["bo"]


def central(f, values, step=1e-6):
    grad = np.zeros_like(values)
    flat = values.reshape(-1)
    out = grad.reshape(-1)
    for index in range(flat.size):
        keep = flat[index]
        flat[index] = keep + step
        up = f()
        flat[index] = keep - step
        down = f()
        flat[index] = keep
        out[index] = (up - down) / (2 * step)
    return grad


for name, case in CASES.items():
    d, h, g, t = case["d"], case["h"], case["g"], case["t"]
    k = d // h
    shapes = {"Wq": (d, h * k), "Wk": (d, g * k), "Wv": (d, g * k), "Wo": (h * k, d),
              "bq": (h * k,), "bk": (g * k,), "bv": (g * k,), "bo": (d,)}
    params = {key: (rs.standard_normal(shape) * 0.6).astype(np.float32).astype(np.float64)
              for key, shape in shapes.items()}
    x = rs.standard_normal((t, d)).astype(np.float32).astype(np.float64)
    r = rs.standard_normal((t, d)).astype(np.float32).astype(np.float64)

    def loss():
        return float(np.sum(forward(params, x, case) * r))

    for key in shapes:
        save(f"{name}_{key}", params[key])
        save(f"{name}_d{key}", central(loss, params[key]))
    save(f"{name}_X", x)
    save(f"{name}_R", r)
    save(f"{name}_dX", central(loss, x))
