/// The 16-bit float formats attnsh reads (.npy `<f2`, safetensors F16 and
/// BF16), widened to float32: both conversions are exact, since every
/// binary16 and every bfloat16 value is a float32.
extension Float {
    /// An IEEE 754 binary16 value, widened exactly; the one conversion that
    /// .npy `<f2` and safetensors F16 share.
    ///
    /// Half: 1 sign bit s, 5 exponent bits e (bias 15), 10 fraction bits f.
    ///
    ///     normal (e in 1...30):  (−1)^s · 2^(e−15) · (1 + f/1024)  → float exponent e − 15 + 127
    ///     subnormal (e == 0):    (−1)^s · 2^−14 · f/1024 = (−1)^s · f · 2^−24
    ///     e == 31:               ±inf when f == 0, else NaN (payload kept in the top fraction bits)
    init(float16Bits bits: UInt16) {
        let sign = UInt32(bits >> 15) << 31
        let exponent = UInt32(bits >> 10) & 0x1F
        let fraction = UInt32(bits) & 0x3FF
        switch exponent {
        case 0:
            // Subnormal halves are normal floats: f × 2^−24 is exact, f has at most 10 bits.
            let magnitude = Float(fraction) * Float(sign: .plus, exponent: -24, significand: 1)
            self = sign == 0 ? magnitude : -magnitude
        case 0x1F:
            self = Float(bitPattern: sign | 0x7F80_0000 | (fraction << 13))
        default:
            self = Float(bitPattern: sign | ((exponent + 127 - 15) << 23) | (fraction << 13))
        }
    }

    /// A bfloat16 value, widened exactly: bfloat16 is the top half of a
    /// float32 (1 sign, 8 exponent, 7 fraction bits), so it is shifted back
    /// in place.
    init(bfloat16Bits bits: UInt16) {
        self = Float(bitPattern: UInt32(bits) << 16)
    }
}
