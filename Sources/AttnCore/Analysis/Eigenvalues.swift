import Foundation

/// The eigenvalues of a real square matrix, for the copying score of `circuit`.
///
/// The matrix is reduced to upper Hessenberg form by Gaussian elimination
/// with pivoting, then the Francis double-shift QR iteration deflates it one
/// real eigenvalue or one complex pair at a time (the `elmhes` and `hqr`
/// routines of Numerical Recipes, 2nd ed., §11.5–11.6). Everything runs in
/// Double; the order of the eigenvalues is the order of deflation.
public enum Eigenvalues {
    /// The n eigenvalues (real, imaginary) of `matrix` [n, n], row-major;
    /// nil when the iteration does not converge (30 sweeps per eigenvalue).
    public static func of(_ matrix: [Double], n: Int) -> [(real: Double, imaginary: Double)]? {
        guard n > 0 else { return [] }
        // 1-based copies, as the routines are written: a[i][j], 1 ≤ i, j ≤ n.
        var a = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n + 1)
        for i in 0..<n { for j in 0..<n { a[i + 1][j + 1] = matrix[i * n + j] } }
        reduceToHessenberg(&a, n: n)
        return hessenbergEigenvalues(&a, n: n)
    }

    /// `elmhes`: similarity transforms that zero everything below the subdiagonal.
    static func reduceToHessenberg(_ a: inout [[Double]], n: Int) {
        guard n > 2 else { return }
        for m in 2..<n {
            var x = 0.0
            var pivot = m
            for j in m...n where abs(a[j][m - 1]) > abs(x) {
                x = a[j][m - 1]
                pivot = j
            }
            if pivot != m {
                for j in (m - 1)...n { (a[pivot][j], a[m][j]) = (a[m][j], a[pivot][j]) }
                for j in 1...n { a[j].swapAt(pivot, m) }
            }
            guard x != 0 else { continue }
            for i in (m + 1)...n {
                var y = a[i][m - 1]
                guard y != 0 else { continue }
                y /= x
                a[i][m - 1] = y
                for j in m...n { a[i][j] -= y * a[m][j] }
                for j in 1...n { a[j][m] += y * a[j][i] }
            }
        }
        // The multipliers left below the subdiagonal are not part of the Hessenberg matrix.
        for i in 1...n { for j in 1...n where i > j + 1 { a[i][j] = 0 } }
    }

    /// `hqr`: the eigenvalues of the upper Hessenberg `a` (destroyed).
    static func hessenbergEigenvalues(_ a: inout [[Double]], n: Int) -> [(real: Double, imaginary: Double)]? {
        var wr = [Double](repeating: 0, count: n + 1)
        var wi = [Double](repeating: 0, count: n + 1)
        var norm = 0.0
        for i in 1...n { for j in max(i - 1, 1)...n { norm += abs(a[i][j]) } }
        var nn = n
        var t = 0.0
        func sign(_ value: Double, _ of: Double) -> Double { of >= 0 ? abs(value) : -abs(value) }
        while nn >= 1 {
            var its = 0
            var l = 1
            repeat {
                // Look for a single small subdiagonal element.
                l = 1
                if nn >= 2 {
                    for candidate in stride(from: nn, through: 2, by: -1) {
                        var s = abs(a[candidate - 1][candidate - 1]) + abs(a[candidate][candidate])
                        if s == 0 { s = norm }
                        if abs(a[candidate][candidate - 1]) + s == s {
                            a[candidate][candidate - 1] = 0
                            l = candidate
                            break
                        }
                    }
                }
                var x = a[nn][nn]
                if l == nn {
                    wr[nn] = x + t
                    wi[nn] = 0
                    nn -= 1
                } else {
                    var y = a[nn - 1][nn - 1]
                    var w = a[nn][nn - 1] * a[nn - 1][nn]
                    if l == nn - 1 {
                        let p = 0.5 * (y - x)
                        let q = p * p + w
                        var z = abs(q).squareRoot()
                        x += t
                        if q >= 0 {
                            z = p + sign(z, p)
                            wr[nn - 1] = x + z
                            wr[nn] = z != 0 ? x - w / z : x + z
                            wi[nn - 1] = 0
                            wi[nn] = 0
                        } else {
                            wr[nn - 1] = x + p
                            wr[nn] = x + p
                            wi[nn - 1] = -z
                            wi[nn] = z
                        }
                        nn -= 2
                    } else {
                        guard its < 30 else { return nil }
                        if its == 10 || its == 20 {
                            // An exceptional shift breaks a cycle.
                            t += x
                            for i in 1...nn { a[i][i] -= x }
                            let s = abs(a[nn][nn - 1]) + abs(a[nn - 1][nn - 2])
                            x = 0.75 * s
                            y = x
                            w = -0.4375 * s * s
                        }
                        its += 1
                        var m = nn - 2
                        var (p, q, r) = (0.0, 0.0, 0.0)
                        while m >= l {
                            let z = a[m][m]
                            r = x - z
                            let s0 = y - z
                            p = (r * s0 - w) / a[m + 1][m] + a[m][m + 1]
                            q = a[m + 1][m + 1] - z - r - s0
                            r = a[m + 2][m + 1]
                            let s = abs(p) + abs(q) + abs(r)
                            p /= s
                            q /= s
                            r /= s
                            if m == l { break }
                            let u = abs(a[m][m - 1]) * (abs(q) + abs(r))
                            let v = abs(p) * (abs(a[m - 1][m - 1]) + abs(z) + abs(a[m + 1][m + 1]))
                            if u + v == v { break }
                            m -= 1
                        }
                        if m + 2 <= nn {
                            for i in (m + 2)...nn {
                                a[i][i - 2] = 0
                                if i != m + 2 { a[i][i - 3] = 0 }
                            }
                        }
                        var k = m
                        while k <= nn - 1 {
                            if k != m {
                                p = a[k][k - 1]
                                q = a[k + 1][k - 1]
                                r = k != nn - 1 ? a[k + 2][k - 1] : 0
                                x = abs(p) + abs(q) + abs(r)
                                if x != 0 {
                                    p /= x
                                    q /= x
                                    r /= x
                                }
                            }
                            let s = sign((p * p + q * q + r * r).squareRoot(), p)
                            if s != 0 {
                                if k == m {
                                    if l != m { a[k][k - 1] = -a[k][k - 1] }
                                } else {
                                    a[k][k - 1] = -s * x
                                }
                                p += s
                                x = p / s
                                y = q / s
                                let z = r / s
                                q /= p
                                r /= p
                                for j in k...nn {
                                    p = a[k][j] + q * a[k + 1][j]
                                    if k != nn - 1 {
                                        p += r * a[k + 2][j]
                                        a[k + 2][j] -= p * z
                                    }
                                    a[k + 1][j] -= p * y
                                    a[k][j] -= p * x
                                }
                                let last = min(nn, k + 3)
                                for i in l...last {
                                    p = x * a[i][k] + y * a[i][k + 1]
                                    if k != nn - 1 {
                                        p += z * a[i][k + 2]
                                        a[i][k + 2] -= p * r
                                    }
                                    a[i][k + 1] -= p * q
                                    a[i][k] -= p
                                }
                            }
                            k += 1
                        }
                    }
                }
            } while nn >= 1 && l < nn - 1
        }
        return (1...n).map { (wr[$0], wi[$0]) }
    }
}
