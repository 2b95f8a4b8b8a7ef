#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The tool's own deterministic generator: same seed, same numbers on every machine.
///
/// Algorithm (quoted by the README; any change breaks every saved session):
///
/// - **Seeding.** The state is four `UInt64` words `s0, s1, s2, s3`, filled in
///   that order by four successive outputs of SplitMix64 started at `z = seed`:
///   ```
///   z = z &+ 0x9E3779B97F4A7C15
///   w = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
///   w = (w ^ (w >> 27)) &* 0x94D049BB133111EB
///   output w ^ (w >> 31)
///   ```
/// - **Outputs** (`nextUInt64`) are xoshiro256** (Blackman and Vigna):
///   ```
///   result = rotl(s1 &* 5, 7) &* 9
///   t = s1 << 17
///   s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
///   s2 ^= t;  s3 = rotl(s3, 45)
///   ```
/// - **Uniform** (`nextUniform`): `Float(next >> 40) * 2^-24`, the top 24 bits
///   of one output; every value is exactly representable and lies in [0, 1).
/// - **Normal** (`nextNormal`): Box-Muller on two fresh outputs, in `Double`:
///   `u1 = (Double(next >> 11) + 1) * 2^-53` in (0, 1],
///   `u2 = Double(next >> 11) * 2^-53` in [0, 1),
///   `z = sqrt(-2 ln u1) * cos(2 pi u2)`, returned as `Float`. The second
///   Box-Muller value is not cached, so every call consumes exactly two outputs.
public struct RandomSource: Sendable, Equatable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator whose state is filled from `seed` by SplitMix64.
    public init(seed: UInt64) {
        var z = seed
        func splitMix() -> UInt64 {
            z = z &+ 0x9E37_79B9_7F4A_7C15
            var w = z
            w = (w ^ (w >> 30)) &* 0xBF58_476D_1CE4_E5B9
            w = (w ^ (w >> 27)) &* 0x94D0_49BB_1331_11EB
            return w ^ (w >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    @inline(__always)
    private static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    /// The next 64 random bits (xoshiro256**).
    public mutating func nextUInt64() -> UInt64 {
        let result = RandomSource.rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = RandomSource.rotateLeft(s3, 45)
        return result
    }

    /// A uniform value in [0, 1): the top 24 bits of one output times 2^-24.
    public mutating func nextUniform() -> Float {
        // 24 bits fit a Float's significand exactly, so no rounding can reach 1.0.
        Float(nextUInt64() >> 40) * 0x1p-24
    }

    /// A standard normal value N(0, 1) by Box-Muller, consuming two outputs.
    public mutating func nextNormal() -> Float {
        // u1 is shifted into (0, 1] so that log(u1) is finite.
        let u1 = (Double(nextUInt64() >> 11) + 1) * 0x1p-53
        let u2 = Double(nextUInt64() >> 11) * 0x1p-53
        let radius = (-2 * log(u1)).squareRoot()
        return Float(radius * cos(2 * Double.pi * u2))
    }
}
