"""Makes the .npy fixtures for SessionNumericTests.swift (run: python3 make_fixtures.py).

scores.npy is a [2, 3, 4] float32 input; each other file is what numpy computes
from it for the expression named in SessionNumericTests.
"""
import math
import os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261129)
scores = rng.normal(size=(2, 3, 4)).astype(np.float32)
scores[1, 2, :] = -np.inf          # a fully blocked row: softmax gives zeros
scores[0, 1, 3] = -np.inf          # one blocked key


def save(name, array):
    np.save(os.path.join(HERE, name + ".npy"), np.asarray(array, dtype=np.float32))


def softmax(x, axis=-1):
    m = np.max(np.where(np.isfinite(x), x, -np.inf), axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)
    e = np.exp(x - m)
    s = e.sum(axis=axis, keepdims=True)
    return np.where(s > 0, e / np.where(s > 0, s, 1), 0)


finite = np.where(np.isfinite(scores), scores, 0).astype(np.float64)
save("scores", scores)
save("softmax_last", softmax(scores.astype(np.float64)))
save("softmax_dim1", softmax(finite, axis=1))
save("matmul_T", finite @ np.swapaxes(finite, -1, -2))
save("gelu", np.vectorize(lambda v: 0.5 * v * (1 + math.erf(v / math.sqrt(2))))(finite))
save("tanh_exp", np.tanh(finite) * np.exp(finite / 4))
save("norm_dim2", np.linalg.norm(finite, axis=2))
save("mean_keep", finite.mean(axis=1, keepdims=True))
save("scaled", finite[:, :, 1:3] / math.sqrt(2) - 0.5)
