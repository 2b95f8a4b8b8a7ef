#!/usr/bin/env python3
"""Plain float32 matrix product speed of this machine through numpy's BLAS.

The yardstick for `attnsh bench`: the GFLOP/s a square sgemm reaches, to
set beside the rate of the whole forward pass.

    python3 bench/sgemm_numpy.py [--size N] [--repeat R]
"""
import argparse
import time

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2048)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    n = args.size
    rng = np.random.default_rng(0)
    a = rng.standard_normal((n, n), dtype=np.float32)
    b = rng.standard_normal((n, n), dtype=np.float32)
    a @ b                                                             # warm-up
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        a @ b
        times.append(time.perf_counter() - start)
    times.sort()
    median = times[len(times) // 2]
    print(f"numpy sgemm {n}x{n}x{n}: median {median * 1e3:.3f} ms  {2 * n ** 3 / median / 1e9:.1f} GFLOP/s")


if __name__ == "__main__":
    main()
