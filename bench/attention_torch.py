#!/usr/bin/env python3
"""The attnsh forward pass in torch (explicit, P kept), for side-by-side timing with `attnsh bench`.

Runs the eleven stages of docs/reference.md §3.2 in float32 (torch, CPU, no autograd) with every stage materialised
(X, Q, K, V, scores, scaled, masked, P, Z, concat, out), after one warm-up,
and prints the same figures as `attnsh bench`: median and minimum
milliseconds, GFLOP/s (of the median) and peak resident memory.

    python3 bench/attention_torch.py --seq 512 --d-model 512 --heads 8 [--kv-heads G] [--causal] [--repeat N]

FLOPs counted (the same formula as attnsh): 2·Tq·D·H·K for Q, 2·2·Tk·D·G·K
for K and V, 2·H·Tq·Tk·K for the scores and again for P·V, 2·Tq·H·K·D for
the output projection. Masked blocks are counted too, so a causal run that
skips them shows a higher rate.
"""
import argparse
import resource
import time

import numpy as np
import torch


def forward(x, wq, wk, wv, wo, heads, kv_heads, causal):
    t, d = x.shape
    k_dim = wq.shape[1] // heads
    group = heads // kv_heads
    q = (x @ wq).reshape(t, heads, k_dim).transpose(0, 1)             # [H, T, K]
    k = (x @ wk).reshape(t, kv_heads, k_dim).transpose(0, 1)          # [G, T, K]
    v = (x @ wv).reshape(t, kv_heads, k_dim).transpose(0, 1)          # [G, T, K]
    k_full = k.repeat_interleave(group, dim=0)                        # [H, T, K]
    v_full = v.repeat_interleave(group, dim=0)
    scores = q @ k_full.transpose(1, 2)                               # [H, T, T]
    scaled = scores * (1.0 / float(np.sqrt(k_dim)))
    if causal:
        blocked = torch.triu(torch.ones((t, t), dtype=torch.bool), diagonal=1)
        masked = scaled.masked_fill(blocked, float("-inf"))
    else:
        masked = scaled.clone()
    p = torch.softmax(masked, dim=-1)
    z = p @ v_full                                                    # [H, T, K]
    concat = z.transpose(0, 1).reshape(t, heads * k_dim)              # [T, H·K]
    out = concat @ wo                                                 # [T, D]
    return out, p


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seq", type=int, required=True)
    parser.add_argument("--d-model", type=int, required=True)
    parser.add_argument("--heads", type=int, required=True)
    parser.add_argument("--kv-heads", type=int)
    parser.add_argument("--causal", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    t, d, h = args.seq, args.d_model, args.heads
    g = args.kv_heads or h
    k_dim = d // h
    rng = np.random.default_rng(0)
    x = rng.standard_normal((t, d), dtype=np.float32)
    a = np.float32(np.sqrt(6.0 / (d + h * k_dim)))
    wq = rng.uniform(-a, a, (d, h * k_dim)).astype(np.float32)
    wk = rng.uniform(-a, a, (d, g * k_dim)).astype(np.float32)
    wv = rng.uniform(-a, a, (d, g * k_dim)).astype(np.float32)
    wo = rng.uniform(-a, a, (h * k_dim, d)).astype(np.float32)

    x, wq, wk, wv, wo = (torch.from_numpy(m) for m in (x, wq, wk, wv, wo))
    torch.set_grad_enabled(False)
    forward(x, wq, wk, wv, wo, h, g, args.causal)                     # warm-up
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        forward(x, wq, wk, wv, wo, h, g, args.causal)
        times.append((time.perf_counter() - start) * 1000.0)
    times.sort()
    median = times[len(times) // 2] if len(times) % 2 else (times[len(times) // 2 - 1] + times[len(times) // 2]) / 2
    flops = 2 * t * d * h * k_dim + 4 * t * d * g * k_dim + 4 * h * t * t * k_dim + 2 * t * h * k_dim * d
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"torch forward  T={t} D={d} H={h} G={g} K={k_dim}{' causal' if args.causal else ''}")
    print(f"median {median:.3f} ms  min {times[0]:.3f} ms  {flops / median / 1e6:.2f} GFLOP/s  "
          f"peak {peak_kib / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
