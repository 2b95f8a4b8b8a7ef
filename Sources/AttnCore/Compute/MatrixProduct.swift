/// Row-major dense matrix products on flat arrays, for the small matrices of
/// training (a few dozen rows and columns: plain loops beat BLAS call overhead).
enum MatrixProduct {
    /// C [m, n] = A [m, inner] · B [inner, n].
    static func multiply<S: TrainingScalar>(_ a: [S], _ b: [S], m: Int, inner: Int, n: Int) -> [S] {
        var c = [S](repeating: 0, count: m * n)
        for row in 0..<m {
            for p in 0..<inner {
                let left = a[row * inner + p]
                if left == 0 { continue }
                for column in 0..<n { c[row * n + column] += left * b[p * n + column] }
            }
        }
        return c
    }

    /// C [m, n] = Aᵀ · B with A stored [inner, m] and B [inner, n].
    static func multiplyTransposingA<S: TrainingScalar>(_ a: [S], _ b: [S], m: Int, inner: Int, n: Int) -> [S] {
        var c = [S](repeating: 0, count: m * n)
        for p in 0..<inner {
            for row in 0..<m {
                let left = a[p * m + row]
                if left == 0 { continue }
                for column in 0..<n { c[row * n + column] += left * b[p * n + column] }
            }
        }
        return c
    }

    /// C [m, n] = A · Bᵀ with A [m, inner] and B stored [n, inner].
    static func multiplyTransposingB<S: TrainingScalar>(_ a: [S], _ b: [S], m: Int, inner: Int, n: Int) -> [S] {
        var c = [S](repeating: 0, count: m * n)
        for row in 0..<m {
            for column in 0..<n {
                var sum: S = 0
                for p in 0..<inner { sum += a[row * inner + p] * b[column * inner + p] }
                c[row * n + column] = sum
            }
        }
        return c
    }

    /// Adds the row vector `bias` [n] to every row of `rows` [m, n]; an empty bias adds nothing.
    static func addRow<S: TrainingScalar>(_ bias: [S], to rows: inout [S], n: Int) {
        guard !bias.isEmpty else { return }
        for index in rows.indices { rows[index] += bias[index % n] }
    }

    /// The column sums [n] of `rows` [m, n]: the gradient of a bias added to every row.
    static func columnSums<S: TrainingScalar>(_ rows: [S], n: Int) -> [S] {
        var sums = [S](repeating: 0, count: n)
        for index in rows.indices { sums[index % n] += rows[index] }
        return sums
    }
}
