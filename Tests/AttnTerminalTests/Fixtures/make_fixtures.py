"""Makes the numpy fixtures for AttnTerminalTests (run: python3 make_fixtures.py).

The golden files show weights from the example tensors in Examples.swift,
which are built by formula in Swift. These fixtures compute the same formulas
with numpy so a test can check that the Swift construction (and so every
number printed in the goldens) is a true masked softmax.
"""
import os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def masked_softmax(scores, allowed):
    scores = np.where(allowed, scores, -np.inf)
    top = scores.max(axis=-1, keepdims=True)
    exps = np.where(allowed, np.exp(scores - top), 0.0)
    return exps / exps.sum(axis=-1, keepdims=True)


def two_heads():
    i = np.arange(5)[:, None]
    j = np.arange(5)[None, :]
    head0 = -1.6 * np.abs(i - 1 - j) + 0.2 * j
    head1 = np.where(i == j, 2.0, 0.4 * np.sin(i + 2 * j))
    causal = j <= i
    return masked_softmax(np.stack([head0, head1]), causal[None, :, :])


def eight_heads():
    h = np.arange(8)[:, None, None]
    i = np.arange(6)[None, :, None]
    j = np.arange(6)[None, None, :]
    scores = (1.0 + 0.35 * h) * np.sin(0.7 * h + 1.3 * i - 0.9 * j)
    return masked_softmax(scores, np.ones((1, 6, 6), dtype=bool))


def head_outputs():
    h = np.arange(2)[:, None, None]
    t = np.arange(5)[None, :, None]
    k = np.arange(4)[None, None, :]
    return 1.3 * np.sin(h + 0.5 * t + 1.1 * k)


if __name__ == "__main__":
    np.save(os.path.join(HERE, "two_head_weights.npy"), two_heads().astype(np.float32))
    np.save(os.path.join(HERE, "eight_head_weights.npy"), eight_heads().astype(np.float32))
    np.save(os.path.join(HERE, "head_outputs.npy"), head_outputs().astype(np.float32))
