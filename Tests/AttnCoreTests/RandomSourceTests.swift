import Testing
@testable import AttnCore

/// The generator against golden values from an independent Python
/// implementation of the documented algorithm (Fixtures/make_fixtures.py).
struct RandomSourceTests {
    /// (seed, kind) -> the values on that line of rng_golden.txt.
    static func golden() throws -> [(seed: UInt64, kind: String, values: [String])] {
        try Fixture.lines("rng_golden.txt").map { line in
            let fields = line.split(separator: " ").map(String.init)
            return (UInt64(fields[0])!, fields[1], Array(fields.dropFirst(2)))
        }
    }

    @Test func goldenValuesForSeeds() throws {
        let rows = try Self.golden()
        #expect(rows.count == 9)
        #expect(Set(rows.map(\.seed)) == [0, 42, UInt64.max])
        for row in rows {
            var rng = RandomSource(seed: row.seed)
            switch row.kind {
            case "u64":
                let actual = row.values.map { _ in rng.nextUInt64() }
                #expect(actual == row.values.map { UInt64($0)! }, "seed \(row.seed)")
            case "uniform":
                let actual = row.values.map { _ in rng.nextUniform() }
                #expect(actual == row.values.map { Float($0)! }, "seed \(row.seed)")
            case "normal":
                let actual = row.values.map { _ in rng.nextNormal() }
                #expect(actual == row.values.map { Float($0)! }, "seed \(row.seed)")
            default:
                Issue.record("unknown kind \(row.kind)")
            }
        }
    }

    @Test func sameSeedSameStreamOtherSeedOtherStream() {
        var a = RandomSource(seed: 123)
        var b = RandomSource(seed: 123)
        var c = RandomSource(seed: 124)
        let first = (0..<16).map { _ in a.nextUInt64() }
        #expect(first == (0..<16).map { _ in b.nextUInt64() })
        #expect(first != (0..<16).map { _ in c.nextUInt64() })
        #expect(a == b)
    }

    @Test func normalConsumesExactlyTwoOutputs() {
        var normal = RandomSource(seed: 9)
        var raw = RandomSource(seed: 9)
        _ = normal.nextNormal()
        _ = raw.nextUInt64()
        _ = raw.nextUInt64()
        #expect(normal == raw)
    }

    @Test func uniformStaysInHalfOpenUnitInterval() {
        var rng = RandomSource(seed: 5)
        for _ in 0..<10_000 {
            let u = rng.nextUniform()
            #expect(u >= 0 && u < 1)
        }
    }

    @Test func normalHasRoughlyZeroMeanAndUnitVariance() {
        var rng = RandomSource(seed: 11)
        let n = 20_000
        let samples = (0..<n).map { _ in Double(rng.nextNormal()) }
        let mean = samples.reduce(0, +) / Double(n)
        let variance = samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)
        #expect(abs(mean) < 0.03)
        #expect(abs(variance - 1) < 0.05)
    }

    @Test func creationFunctionsDrawInRowMajorOrder() throws {
        var rng = RandomSource(seed: 7)
        #expect(try Tensor.randn([3, 4], using: &rng) == Fixture.tensor("rng_randn_seed7_3x4"))
        rng = RandomSource(seed: 7)
        #expect(try Tensor.rand([2, 5], using: &rng) == Fixture.tensor("rng_rand_seed7_2x5"))
        rng = RandomSource(seed: 1)
        let xavier = try Tensor.xavier(3, 4, using: &rng)
        #expect(xavier.isClose(to: try Fixture.tensor("rng_xavier_seed1_3x4"), rtol: 1e-6, atol: 0))
        let bound = Float((6.0 / 7.0).squareRoot())
        #expect(xavier.scalars.allSatisfy { abs($0) < bound })
    }
}
