#!/usr/bin/env python3
"""Makes the numpy fixtures for AttnCoreTests.

Run from anywhere: python3 make_fixtures.py. Writes little-endian float32,
C-order .npy files (and rng_golden.txt) beside this script. The tests read
them with their own tiny .npy reader, so they do not depend on attnsh's I/O.

The random-generator fixtures use an independent Python implementation of
the algorithm documented on RandomSource (SplitMix64 seeding, xoshiro256**
outputs, 24-bit uniforms, Box-Muller normals in double precision).
"""
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MASK = (1 << 64) - 1
rs = np.random.default_rng(20261129)


def save(name, array):
    np.save(os.path.join(HERE, name + ".npy"), np.asarray(array, dtype="<f4", order="C"))


def randf(*shape):
    return rs.standard_normal(shape).astype(np.float32)


# ---------------------------------------------------------------- matmul
MATMUL_CASES = {
    "mm_2d": ((3, 4), (4, 5)),
    "mm_batch_broadcast": ((2, 1, 3, 4), (3, 4, 2)),
    "mm_batch_shared_b": ((2, 3, 4), (4, 5)),
    "mm_shared_a": ((3, 4), (2, 4, 5)),
    "mm_1d_2d": ((4,), (4, 5)),
    "mm_2d_1d": ((3, 4), (4,)),
    "mm_1d_1d": ((4,), (4,)),
    "mm_1d_batch": ((4,), (2, 4, 3)),
    "mm_batch_1d": ((2, 3, 4), (4,)),
    "mm_zero_inner": ((3, 0), (0, 2)),
    "mm_larger": ((2, 33, 17), (2, 17, 29)),
    "mm_rank4": ((2, 3, 5, 6), (2, 1, 6, 4)),
}
for name, (sa, sb) in MATMUL_CASES.items():
    a, b = randf(*sa), randf(*sb)
    save(name + "_a", a)
    save(name + "_b", b)
    save(name + "_out", np.matmul(a.astype(np.float64), b.astype(np.float64)))

# ---------------------------------------------------------------- binary ops with broadcasting
a = randf(2, 1, 3)
b = randf(4, 1)
b[0, 0] = 0.0  # division by zero, and a negative base for fractional powers
save("bin_a", a)
save("bin_b", b)
ops = {
    "add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide,
    "pow": np.power, "lt": np.less, "le": np.less_equal, "gt": np.greater,
    "ge": np.greater_equal, "eq": np.equal, "ne": np.not_equal,
}
with np.errstate(all="ignore"):
    for name, fn in ops.items():
        save("bin_" + name, fn(a, b).astype(np.float32))

# ---------------------------------------------------------------- unary ops
x = np.linspace(-5, 5, 41, dtype=np.float32)
save("unary_x", x)
with np.errstate(all="ignore"):
    save("unary_neg", -x)
    save("unary_exp", np.exp(x))
    save("unary_log", np.log(x))
    save("unary_sqrt", np.sqrt(x))
    save("unary_abs", np.abs(x))
    save("unary_tanh", np.tanh(x))
    save("unary_relu", np.maximum(x, 0))
    save("unary_gelu", [0.5 * float(v) * (1 + math.erf(float(v) / math.sqrt(2))) for v in x])

# ---------------------------------------------------------------- reductions
r = randf(2, 3, 4)
save("red_x", r)
red = {
    "sum": np.sum, "mean": np.mean, "max": np.max, "min": np.min,
    "argmax": np.argmax, "argmin": np.argmin,
    "norm": lambda v, axis=None: np.sqrt(np.sum(v.astype(np.float64) ** 2, axis=axis)),
}
for name, fn in red.items():
    save("red_%s_all" % name, fn(r))
    for axis in range(3):
        save("red_%s_dim%d" % (name, axis), fn(r, axis=axis))


# ---------------------------------------------------------------- softmax and entropy
def softmax(v, axis):
    v = v.astype(np.float64)
    m = np.max(v, axis=axis, keepdims=True)
    safe = np.where(np.isneginf(m), 0.0, m)
    e = np.exp(v - safe)
    s = np.sum(e, axis=axis, keepdims=True)
    with np.errstate(invalid="ignore"):
        return np.where(s == 0, 0.0, e / np.where(s == 0, 1.0, s))


s = randf(4, 5) * 3
s[1, 2] = -np.inf
s[1, 4] = -np.inf
s[2, :] = -np.inf        # every key masked: defined as zeros
s[3, 0] = 80.0           # large value: needs the max subtraction
save("softmax_x", s)
save("softmax_out", softmax(s, -1))
s3 = randf(2, 3, 4)
save("softmax3_x", s3)
save("softmax3_dim1", softmax(s3, 1))
save("softmax3_dim0", softmax(s3, 0))

p = softmax(randf(2, 3, 5) * 2, -1)
p[0, 1, 2] = 0.0
p[1, 2, :] = [0, 0, 1, 0, 0]
p = p.astype(np.float32)
save("entropy_p", p)
p64 = p.astype(np.float64)
with np.errstate(all="ignore"):
    terms = np.where(p64 > 0, -p64 * np.log(np.where(p64 > 0, p64, 1.0)), 0.0)
save("entropy_last", terms.sum(axis=-1))
save("entropy_dim1", terms.sum(axis=1))

# ---------------------------------------------------------------- sinusoidal
for t, d in [(7, 6), (5, 5), (50, 16)]:
    pe = np.zeros((t, d))
    for pos in range(t):
        for col in range(d):
            angle = pos / (10000 ** ((col - col % 2) / d))
            pe[pos, col] = math.sin(angle) if col % 2 == 0 else math.cos(angle)
    save("sinusoidal_%d_%d" % (t, d), pe)

# ---------------------------------------------------------------- indexing and assignment
base = np.arange(120, dtype=np.float32).reshape(2, 3, 4, 5)
INDEX_CASES = {
    "idx_at": (1,),
    "idx_neg_step": (slice(None), -1, slice(1, 4, 2)),
    "idx_reverse": (0, slice(None, None, -1), -2, slice(None, None, -2)),
    "idx_tail": (-1, slice(1, None), slice(None), 3),
    "idx_clamped": (slice(None), slice(5, 1, -2)),
    "idx_empty": (slice(None), slice(None), slice(10, None)),
    "idx_all_at": (1, 2, 3, 4),
    "idx_big_stop": (slice(-100, 100), slice(None), slice(-3, -1)),
}
for name, index in INDEX_CASES.items():
    save(name, base[index])

y = np.zeros((2, 3, 4), dtype=np.float32)
y[1, ::-1, 1:3] = np.array([10, 20], dtype=np.float32)
save("assign_row_broadcast", y)
y = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
y[:, -1] = np.array([[-1], [-2]], dtype=np.float32)
save("assign_column_broadcast", y)
y = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
y[0, 1, ::-3] = 7
save("assign_scalar_step", y)

# ---------------------------------------------------------------- shape operations
c1 = np.arange(6, dtype=np.float32).reshape(2, 3)
c2 = 100 + np.arange(4, dtype=np.float32).reshape(2, 2)
save("concat_dim1", np.concatenate([c1, c2], axis=1))
save("concat_dim0", np.concatenate([c1, c1 * -1], axis=0))
save("stack_dim0", np.stack([c1, c1 + 10], axis=0))
save("stack_dim1", np.stack([c1, c1 + 10], axis=1))
save("stack_dim_last", np.stack([c1, c1 + 10], axis=-1))
t4 = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
save("transpose_0_2", np.swapaxes(t4, 0, 2))
save("transpose_last", np.swapaxes(t4, -1, -2))
save("reshape_4_neg1", t4.reshape(4, -1))
cond = np.array([[1, 0, 1]], dtype=np.float32)
wa = np.arange(6, dtype=np.float32).reshape(2, 3)
wb = np.array([[-1], [-2]], dtype=np.float32)
save("where_out", np.where(cond != 0, wa, wb))


# ---------------------------------------------------------------- random generator
class Xoshiro:
    def __init__(self, seed):
        z = seed & MASK
        self.s = []
        for _ in range(4):
            z = (z + 0x9E3779B97F4A7C15) & MASK
            w = z
            w = ((w ^ (w >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            w = ((w ^ (w >> 27)) * 0x94D049BB133111EB) & MASK
            self.s.append(w ^ (w >> 31))

    @staticmethod
    def rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & MASK

    def next(self):
        s = self.s
        result = (self.rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self.rotl(s[3], 45)
        return result

    def uniform(self):
        return np.float32((self.next() >> 40) * 2.0 ** -24)

    def normal(self):
        u1 = ((self.next() >> 11) + 1) * 2.0 ** -53
        u2 = (self.next() >> 11) * 2.0 ** -53
        return np.float32(math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2))


with open(os.path.join(HERE, "rng_golden.txt"), "w") as f:
    f.write("# seed kind values... (made by make_fixtures.py; u64 in decimal, floats as float32 repr)\n")
    for seed in [0, 42, 2**64 - 1]:
        g = Xoshiro(seed)
        f.write("%d u64 %s\n" % (seed, " ".join(str(g.next()) for _ in range(8))))
        g = Xoshiro(seed)
        f.write("%d uniform %s\n" % (seed, " ".join(repr(float(g.uniform())) for _ in range(8))))
        g = Xoshiro(seed)
        f.write("%d normal %s\n" % (seed, " ".join(repr(float(g.normal())) for _ in range(8))))

g = Xoshiro(7)
save("rng_randn_seed7_3x4", [[g.normal() for _ in range(4)] for _ in range(3)])
g = Xoshiro(7)
save("rng_rand_seed7_2x5", [[g.uniform() for _ in range(5)] for _ in range(2)])
g = Xoshiro(1)
bound = math.sqrt(6 / (3 + 4))
save("rng_xavier_seed1_3x4", [[(2 * float(g.uniform()) - 1) * bound for _ in range(4)] for _ in range(3)])

print("fixtures written to", HERE)
