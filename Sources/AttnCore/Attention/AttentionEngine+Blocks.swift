/// The block arithmetic that `step` and the fast path share, so that the two
/// give the same bits.
extension AttentionEngine {
    /// Query rows per block: the fast path's unit of work and of key
    /// skipping, and stage 9's unit in `step`.
    static let rowBlock = 64

    /// Z[rows] = P[rows, keys]·V[keys] for one head, `keys` being the
    /// columns of the block that hold a nonzero weight.
    ///
    /// `p` is the head's plane [Tq, Tk], `values` the kv head [Tk, K], `z`
    /// the head's output plane [Tq, K]. Only `searchKeys` is searched for
    /// nonzero weights (the caller knows the rest of the block is zero).
    // Skipping zero weights changes no bit of the sum: 0·v adds nothing, and
    // the product is formed over the same keys whichever caller asks. The
    // exception is an infinite or NaN value, where 0·v is NaN; with such
    // values (`valuesFinite` false) every key is used, as the plain product does.
    static func headOutputBlock(p: UnsafePointer<Float>, values: UnsafePointer<Float>,
                                z: UnsafeMutablePointer<Float>, rows: Range<Int>,
                                keys tk: Int, width k: Int, searchKeys: Range<Int>, valuesFinite: Bool) {
        var used = 0..<tk
        if valuesFinite {
            var first = searchKeys.upperBound
            var last = searchKeys.lowerBound
            for i in rows {
                let row = p + i * tk
                if let j = searchKeys.first(where: { row[$0] != 0 }), j < first { first = j }
                if let j = searchKeys.reversed().first(where: { row[$0] != 0 }), j + 1 > last { last = j + 1 }
            }
            used = first < last ? first..<last : 0..<0
        }
        // An empty key range gives k = 0: BLAS.sgemm writes the zero product.
        BLAS.sgemm(m: rows.count, n: k, k: used.count,
                   a: p + rows.lowerBound * tk + used.lowerBound, lda: tk,
                   b: values + used.lowerBound * k, ldb: k,
                   c: z + rows.lowerBound * k, ldc: k)
    }
}
