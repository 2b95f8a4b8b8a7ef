import Foundation
import Testing
@testable import AttnCore

/// Eigenvalues, QK and OV circuits, and the copying score, on matrices whose answers are known.
struct HeadCircuitTests {
    @Test("eigenvalues: a triangular matrix's diagonal, a rotation's ±i, trace and determinant of a random one")
    func eigenvalues() throws {
        let triangular = try #require(Eigenvalues.of([2, 1, 5, 0, -3, 4, 0, 0, 7], n: 3))
        #expect(triangular.map(\.real).sorted() == [-3, 2, 7] && triangular.allSatisfy { $0.imaginary == 0 })
        let rotation = try #require(Eigenvalues.of([0, -1, 1, 0], n: 2))
        #expect(rotation.allSatisfy { abs($0.real) < 1e-12 } && Set(rotation.map(\.imaginary)) == [1, -1])
        var random = RandomSource(seed: 4)
        let n = 12
        let matrix = (0..<(n * n)).map { _ in Double(random.nextNormal()) }
        let values = try #require(Eigenvalues.of(matrix, n: n))
        #expect(values.count == n)
        let trace = (0..<n).reduce(0) { $0 + matrix[$1 * n + $1] }
        #expect(abs(values.reduce(0) { $0 + $1.real } - trace) < 1e-9)
        #expect(abs(values.reduce(0) { $0 + $1.imaginary }) < 1e-9)
        // Each λ makes M − λI singular: check the characteristic polynomial through a real λ's LU pivot.
        for value in values where value.imaginary == 0 {
            var shifted = matrix
            for i in 0..<n { shifted[i * n + i] -= value.real }
            #expect(Self.smallestPivot(shifted, n: n) < 1e-6, "λ = \(value.real)")
        }
    }

    /// The smallest |pivot| of Gaussian elimination with partial pivoting (0 for a singular matrix).
    static func smallestPivot(_ matrix: [Double], n: Int) -> Double {
        var a = matrix
        var smallest = Double.infinity
        for column in 0..<n {
            let pivot = (column..<n).max { abs(a[$0 * n + column]) < abs(a[$1 * n + column]) } ?? column
            for j in 0..<n { a.swapAt(column * n + j, pivot * n + j) }
            let value = a[column * n + column]
            smallest = min(smallest, abs(value))
            guard value != 0 else { continue }
            for row in (column + 1)..<n {
                let factor = a[row * n + column] / value
                for j in column..<n { a[row * n + j] -= factor * a[column * n + j] }
            }
        }
        return smallest
    }

    /// A hand-built previous-token head on inputs [token one-hot (V) | position one-hot (T)]:
    /// its query at position p asks for position p − 1.
    static func previousTokenHead(tokens v: Int, positions t: Int) throws -> (LayerConfig, AttentionWeights<Float>) {
        let d = v + t
        let config = try LayerConfig.make(dModel: d, heads: 1, masks: [.causal])
        var weights = AttentionWeights<Float>(zerosFor: config)
        for p in 1..<t {
            weights.wq[(v + p) * d + (v + p - 1)] = 30  // position p's query is "position p − 1"
        }
        for p in 0..<t { weights.wk[(v + p) * d + (v + p)] = 1 }  // a key says where it stands
        for c in 0..<v { weights.wv[c * d + c] = 1 }  // the value is the token
        for c in 0..<d { weights.wo[c * d + c] = 1 }
        return (config, weights)
    }

    @Test("the QK circuit of a hand-built previous-token head matches position p with p − 1, and so does its P")
    func previousTokenCircuit() throws {
        let (v, t) = (4, 6)
        let (config, weights) = try Self.previousTokenHead(tokens: v, positions: t)
        let circuit = try HeadCircuit(config: config, weights: weights, head: 0)
        let d = v + t
        for p in 1..<t {
            let row = (0..<d).map { circuit.qk[(v + p) * d + $0] }
            #expect(row.indices.max { row[$0] < row[$1] } == v + p - 1, "position \(p): \(row)")
        }
        // Run the head on a sequence: its weights follow the circuit.
        let tokens = [0, 2, 1, 3, 2, 0]
        let input = tokens.enumerated().flatMap { p, token in (0..<d).map { Float($0 == token || $0 == v + p ? 1 : 0) } }
        let pass = AttentionPass(input: input, weights: weights, geometry: try AttentionGeometry(config: config, length: t))
        var scores = CircuitScores()
        scores.add(weights: pass.p[...], tokens: tokens)
        #expect(scores.best == .previousToken && scores.score(.previousToken) > 0.9)
    }

    /// A head whose OV token map is `map` [V, V] through an identity embedding and unembedding.
    static func copyingScore(_ map: [Float], v: Int) throws -> Double? {
        let config = try LayerConfig.make(dModel: v, heads: 1)
        var weights = AttentionWeights<Float>(zerosFor: config)
        weights.wv = map
        for c in 0..<v { weights.wo[c * v + c] = 1 }
        let identity = (0..<(v * v)).map { Float($0 / v == $0 % v ? 1 : 0) }
        return try HeadCircuit(config: config, weights: weights, head: 0, embedding: identity, unembedding: identity).copyingScore
    }

    @Test("copying score: near 1 for a copying head, −1 for an anti-copying one, near 0 for a cycle")
    func copying() throws {
        let v = 6
        var random = RandomSource(seed: 9)
        // A copying head: a strong positive diagonal plus noise.
        let copy = (0..<(v * v)).map { index in (index / v == index % v ? 3 : 0) + 0.2 * random.nextNormal() }
        let score = try #require(try Self.copyingScore(copy, v: v))
        #expect(score > 0.9, "copying score \(score)")
        let negated = try #require(try Self.copyingScore(copy.map { -$0 }, v: v))
        #expect(negated < -0.9)
        // Token c → c + 1 (mod V): the eigenvalues are the V-th roots of unity, summing to 0.
        let cycle = (0..<(v * v)).map { index in Float((index / v + 1) % v == index % v ? 1 : 0) }
        let cycleScore = try #require(try Self.copyingScore(cycle, v: v))
        #expect(abs(cycleScore) < 1e-9)
    }
}
