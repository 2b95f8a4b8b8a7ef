#!/usr/bin/env python3
"""Makes the .npy fixtures for NPYTests.swift.

For every case NAME it writes NAME.npy (the file under test) and NAME.f32:
the values numpy itself gets from `a.astype('<f4')` in C order, as raw
little-endian float32 bytes with no header, so the Swift tests can check the
decoder against numpy without trusting the decoder.

Run from anywhere: python3 make_npy.py (numpy 2.x). Rerunning rewrites the same bytes.
"""
import os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def expected(name, a):
    # Doubles beyond float32 range become ±inf, as intended; no warning.
    with np.errstate(over='ignore'):
        np.ascontiguousarray(a.astype('<f4')).tofile(path(name + '.f32'))


def save(name, a, version=None):
    """Writes a with numpy's writer (a chosen format version if given)."""
    with open(path(name + '.npy'), 'wb') as f:
        np.lib.format.write_array(f, a, version=version, allow_pickle=False)
    expected(name, a)


rng = np.random.default_rng(20261129)
base = rng.standard_normal((2, 3, 4)) * 100

# Every dtype, C and Fortran order, rank 3 so the transpose is not trivial.
dtypes = {
    'f4': base.astype('<f4'),
    'f8': base.astype('<f8') + 1e-9,          # not exact in float32: rounding
    'f2': base.astype('<f2'),
    'i4': (base * 1000).astype('<i4'),
    'i8': (base.astype('<i8') * (2**33 + 1)),  # beyond 2**24: rounding
    'b1': base > 0,
    'u1': (np.abs(base) * 3).astype('<u1'),
}
for code, a in dtypes.items():
    save(f'{code}_c', np.ascontiguousarray(a))
    save(f'{code}_f', np.asfortranarray(a))

# Special values: half subnormals, ±0, ±inf, nan; doubles beyond float32.
half_bits = np.array([0x0000, 0x8000, 0x0001, 0x8001, 0x03FF, 0x0400, 0x3C00, 0x7BFF,
                      0xFBFF, 0x7C00, 0xFC00, 0x7E00, 0x3555, 0xC000], dtype='<u2')
save('f2_special', half_bits.view('<f2'))
save('f8_special', np.array([1e300, -1e300, 1e-300, 0.1, -0.0, np.inf, np.nan,
                             3.4028235677973366e38, 1.401298464324817e-45], dtype='<f8'))
save('i8_extremes', np.array([2**63 - 1, -2**63, 16777217, -16777217], dtype='<i8'))
save('u1_range', np.arange(256, dtype='<u1').reshape(16, 16))

# Ranks 0 to 4 and an empty array; Fortran order at rank 4.
save('rank0', np.array(3.25, dtype='<f4'))
save('rank1', np.arange(5, dtype='<f4') - 2.5)
save('rank2', base[0].astype('<f4'))
save('rank4', rng.standard_normal((2, 1, 3, 2)).astype('<f4'))
save('rank4_f', np.asfortranarray(rng.standard_normal((2, 3, 1, 4)).astype('<f8')))
save('empty', np.zeros((0, 3), dtype='<f4'))

# Format versions 2.0 and 3.0 (numpy picks 1.0 unless told).
save('version2', base.astype('<f4'), version=(2, 0))
save('version3', base.astype('<f4'), version=(3, 0))

# np.save of float32 arrays: the writer must produce these bytes exactly.
for name, a in {
    'saved_rank0': np.array(-1.5, dtype='<f4'),
    'saved_rank1': np.linspace(-1, 1, 7, dtype='<f4'),
    'saved_rank3': base.astype('<f4'),
    'saved_empty': np.zeros((0, 3), dtype='<f4'),
    # A long first axis (numpy pads the header by the digits it uses), empty
    # so the fixture stays small.
    'saved_long': np.zeros((1234567, 0), dtype='<f4'),
}.items():
    np.save(path(name + '.npy'), a)
    expected(name, a)
