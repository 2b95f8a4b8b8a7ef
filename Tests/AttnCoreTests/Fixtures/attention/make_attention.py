#!/usr/bin/env python3
"""Independent numpy implementation of docs/reference.md §3 (attention layers).

Writes one folder per case under cases/: the inputs (X.npy, maybe Y.npy),
the weights (Wq.npy ... and bq.npy ... with bias), mask tensors, every stage
tensor (stage_X.npy ... stage_out.npy, stage_mask.npy) as float32, and
config.json with the layer settings. Written from the reference text (docs/reference.md §3), not from
the Swift code. Run: python3 make_attention.py (numpy only).
"""
import json
import os
import shutil

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cases")
MASK64 = (1 << 64) - 1


class Xoshiro:
    """xoshiro256** seeded by SplitMix64, the tool's documented generator."""

    def __init__(self, seed):
        z = seed & MASK64
        self.s = []
        for _ in range(4):
            z = (z + 0x9E3779B97F4A7C15) & MASK64
            w = z
            w = ((w ^ (w >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
            w = ((w ^ (w >> 27)) * 0x94D049BB133111EB) & MASK64
            self.s.append(w ^ (w >> 31))

    def next(self):
        s = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & MASK64
        result = (rotl((s[1] * 5) & MASK64, 7) * 9) & MASK64
        t = (s[1] << 17) & MASK64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def uniform(self):
        return (self.next() >> 40) * 2.0 ** -24


def f32(a):
    return np.asarray(a, dtype=np.float32)


def sinusoidal(t, d):
    pe = np.zeros((t, d), dtype=np.float64)
    for p in range(t):
        for i in range(0, d, 2):
            angle = p / 10000 ** (i / d)
            pe[p, i] = np.sin(angle)
            if i + 1 < d:
                pe[p, i + 1] = np.cos(angle)
    return pe


def rope(heads, base):
    """heads [N, T, K]: pair (x[2i], x[2i+1]) of row p turned by p * base^(-2i/K)."""
    out = heads.astype(np.float64).copy()
    n, t, k = heads.shape
    for p in range(t):
        for i in range(k // 2):
            theta = p * base ** (-2 * i / k)
            x0 = heads[:, p, 2 * i].astype(np.float64)
            x1 = heads[:, p, 2 * i + 1].astype(np.float64)
            out[:, p, 2 * i] = x0 * np.cos(theta) - x1 * np.sin(theta)
            out[:, p, 2 * i + 1] = x0 * np.sin(theta) + x1 * np.cos(theta)
    return out


def mask_for(words, tq, tk, heads, tensors):
    allowed = np.ones((tq, tk), dtype=bool)
    per_head = None
    i = np.arange(tq)[:, None]
    j = np.arange(tk)[None, :]
    n = 0
    while n < len(words):
        w = words[n]
        if w == "none":
            allowed[:] = True
            per_head = None
        elif w == "causal":
            allowed &= j <= i
        elif w == "window":
            n += 1
            allowed &= np.abs(i - j) <= int(words[n])
        elif w == "pad":
            n += 1
            allowed &= j < int(words[n])
        elif w == "block":
            n += 1
            lengths = [int(s) for s in words[n].split(",")]
            seg = lambda pos: next((s for s, end in enumerate(np.cumsum(lengths)) if pos < end), None)
            same = np.array([[seg(a) is not None and seg(a) == seg(b) for b in range(tk)] for a in range(tq)])
            allowed &= same
        else:
            m = tensors[w] != 0
            if m.ndim == 3:
                per_head = m if per_head is None else (per_head & m)
            else:
                allowed &= m
        n += 1
    if per_head is not None:
        return per_head & allowed[None, :, :]
    return allowed


def forward(cfg, X, Y, W, tensors):
    D, H = cfg["d_model"], cfg["heads"]
    K = cfg.get("d_head") or D // H
    G = cfg.get("kv_heads") or H
    posenc = cfg.get("posenc", "none")
    base = cfg.get("rope_base", 10000.0)
    stages = {}
    x = X.astype(np.float64)
    if posenc == "sinusoidal":
        x = x + sinusoidal(X.shape[0], D)
    stages["X"] = f32(x)
    tq = X.shape[0]
    if Y is None:
        y = stages["X"].astype(np.float64)
    else:
        y = Y.astype(np.float64)
        if posenc == "sinusoidal":
            y = y + sinusoidal(Y.shape[0], D)
    tk = y.shape[0]

    def proj(rows, w, b, n):
        r = rows @ W[w].astype(np.float64)
        if cfg.get("bias"):
            r = r + W[b]
        return r.reshape(rows.shape[0], n, K).transpose(1, 0, 2)

    Q = proj(stages["X"].astype(np.float64), "Wq", "bq", H)
    Kt = proj(y, "Wk", "bk", G)
    V = proj(y, "Wv", "bv", G)
    if posenc == "rope":
        Q = rope(f32(Q), base)
        Kt = rope(f32(Kt), base)
    stages["Q"], stages["K"], stages["V"] = f32(Q), f32(Kt), f32(V)

    group = H // G
    scores = np.stack([stages["Q"][h].astype(np.float64) @ stages["K"][h // group].astype(np.float64).T
                       for h in range(H)])
    stages["scores"] = f32(scores)
    scale = cfg.get("scale")
    if scale is None:
        scale = 1 / np.sqrt(K)
    scaled = stages["scores"].astype(np.float64) * scale / cfg.get("temperature", 1.0)
    if posenc == "alibi":
        dist = np.abs(np.arange(tq)[:, None] - np.arange(tk)[None, :])
        for h in range(H):
            scaled[h] -= 2.0 ** (-8 * (h + 1) / H) * dist
    stages["scaled"] = f32(scaled)
    mask = mask_for(cfg.get("mask", []), tq, tk, H, tensors)
    stages["mask"] = f32(mask)
    full = np.broadcast_to(mask, (H, tq, tk)) if mask.ndim == 2 else mask
    masked = np.where(full, stages["scaled"], -np.inf)
    stages["masked"] = f32(masked)
    P = np.zeros((H, tq, tk))
    blocked = []
    for h in range(H):
        for i in range(tq):
            row = stages["masked"][h, i].astype(np.float64)
            m = row.max()
            if m == -np.inf:
                blocked.append([h, i])
                continue
            e = np.exp(row - m)
            P[h, i] = e / e.sum()
    p = cfg.get("dropout", 0.0)
    if p > 0:
        rng = Xoshiro(cfg.get("seed") or 0)
        for h in range(H):
            for i in range(tq):
                for j in range(tk):
                    keep = rng.uniform() >= np.float32(p)
                    P[h, i, j] = P[h, i, j] / (1 - np.float64(np.float32(p))) if keep else 0.0
    stages["P"] = f32(P)
    Z = np.stack([stages["P"][h].astype(np.float64) @ stages["V"][h // group].astype(np.float64)
                  for h in range(H)])
    for h in cfg.get("ablate", []):
        Z[h] = 0
    stages["Z"] = f32(Z)
    concat = stages["Z"].transpose(1, 0, 2).reshape(tq, H * K)
    stages["concat"] = f32(concat)
    out = stages["concat"].astype(np.float64) @ W["Wo"].astype(np.float64)
    if cfg.get("bias"):
        out = out + W["bo"]
    stages["out"] = f32(out)
    return stages, blocked


def make_case(name, cfg, tq=5, tk=None, seed=0, weights=None, tensors=None):
    rng = np.random.default_rng(seed)
    D, H = cfg["d_model"], cfg["heads"]
    K = cfg.get("d_head") or D // H
    G = cfg.get("kv_heads") or H
    X = f32(rng.standard_normal((tq, D)))
    Y = f32(rng.standard_normal((tk, D))) if tk is not None else None
    if weights is None:
        weights = {"Wq": (D, H * K), "Wk": (D, G * K), "Wv": (D, G * K), "Wo": (H * K, D)}
        if cfg.get("bias"):
            weights.update({"bq": (H * K,), "bk": (G * K,), "bv": (G * K,), "bo": (D,)})
        weights = {k: f32(rng.standard_normal(s) * 0.5) for k, s in weights.items()}
    tensors = tensors or {}
    stages, blocked = forward(cfg, X, Y, weights, tensors)
    folder = os.path.join(OUT, name)
    os.makedirs(folder)
    np.save(os.path.join(folder, "X.npy"), X)
    if Y is not None:
        np.save(os.path.join(folder, "Y.npy"), Y)
    for k, v in weights.items():
        np.save(os.path.join(folder, k + ".npy"), v)
    for k, v in tensors.items():
        np.save(os.path.join(folder, "tensor_" + k + ".npy"), f32(v))
    for k, v in stages.items():
        np.save(os.path.join(folder, "stage_" + k + ".npy"), v)
    meta = dict(cfg)
    meta["blocked_rows"] = blocked
    meta["tensors"] = sorted(tensors)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
    return weights


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    base = {"d_model": 8, "heads": 2}
    make_case("plain", base, seed=1)
    make_case("bias", dict(base, bias=True), seed=2)
    make_case("grouped_query", {"d_model": 8, "heads": 4, "kv_heads": 2}, seed=3)
    make_case("multi_query", {"d_model": 8, "heads": 4, "kv_heads": 1}, seed=4)
    make_case("cross", base, tq=4, tk=6, seed=5)
    make_case("explicit_d_head", {"d_model": 6, "heads": 2, "d_head": 3, "bias": True}, tq=4, seed=6)
    make_case("mask_causal", dict(base, mask=["causal"]), seed=7)
    make_case("mask_window", dict(base, mask=["window", "1"]), seed=8)
    make_case("mask_pad", dict(base, mask=["pad", "3"]), seed=9)
    make_case("mask_block", dict(base, mask=["block", "2,3"]), tq=6, seed=10)
    rng = np.random.default_rng(99)
    make_case("mask_tensor", dict(base, mask=["m"]), seed=11,
              tensors={"m": f32(rng.random((5, 5)) < 0.7) + np.eye(5, dtype=np.float32)})
    make_case("mask_tensor_heads", dict(base, mask=["causal", "mh"]), seed=12,
              tensors={"mh": f32(rng.random((2, 5, 5)) < 0.6) * 2.5})
    make_case("mask_causal_window", dict(base, mask=["causal", "window", "2"]), tq=6, seed=13)
    make_case("mask_pad_block", dict(base, mask=["pad", "4", "block", "3,3"]), tq=6, seed=14)
    make_case("mask_cross_causal", dict(base, mask=["causal"]), tq=5, tk=3, seed=15)
    make_case("all_blocked", dict(base, mask=["pad", "0"]), tq=4, seed=16)
    make_case("some_blocked", dict(base, mask=["causal", "block", "2"]), tq=5, seed=17)
    make_case("sinusoidal", dict(base, posenc="sinusoidal"), tq=6, seed=18)
    make_case("sinusoidal_cross", dict(base, posenc="sinusoidal"), tq=3, tk=5, seed=19)
    make_case("rope", dict(base, posenc="rope"), tq=6, seed=20)
    make_case("rope_base_cross", dict(base, posenc="rope", rope_base=100.0), tq=4, tk=6, seed=21)
    make_case("rope_odd_head", {"d_model": 6, "heads": 2, "d_head": 3, "posenc": "rope"}, seed=22)
    make_case("alibi", {"d_model": 8, "heads": 4, "posenc": "alibi"}, tq=6, seed=23)
    make_case("temperature_scale", dict(base, temperature=2.5, scale=0.3), seed=24)
    make_case("temperature_only", dict(base, temperature=0.5), seed=25)
    make_case("ablation", {"d_model": 8, "heads": 4, "ablate": [1, 3]}, seed=26)
    make_case("dropout", dict(base, dropout=0.3, seed=7), seed=27)
    shared = make_case("resplit_h2", {"d_model": 8, "heads": 2}, seed=28)
    make_case("resplit_h4", {"d_model": 8, "heads": 4}, seed=28, weights=shared)


if __name__ == "__main__":
    main()
