import Foundation
import Testing
@testable import AttnCore

/// The C row kernels against the Swift lanes that define their arithmetic:
/// every width the CPU supports, bit for bit, on rows of every tail length.
@Suite struct RowKernelsTests {
    static let supported = RowKernels.Kernel.allCases.filter(\.isSupported)

    /// (length, first column) pairs: empty, shorter than a lane chunk, every
    /// tail length past 8 and 16, long rows, and ranges starting mid-row.
    static let ranges: [(Int, Int)] = [(0, 0), (1, 0), (5, 0), (8, 0), (13, 8), (16, 0), (23, 0), (31, 16),
                                       (33, 0), (47, 40), (64, 8), (129, 0), (1000, 24), (4096, 0)]

    /// A row of normal numbers (spread wide so some exponentials underflow), with −inf here and there.
    func row(_ count: Int, seed: UInt64) -> [Float] {
        var random = RandomSource(seed: seed)
        return (0..<count).map { j in j % 11 == 3 ? -.infinity : 30 * random.nextNormal() }
    }

    @Test func thePortableKernelIsAlwaysSupportedAndTheActiveOneIsSupported() {
        #expect(RowKernels.Kernel.portable.isSupported)
        #expect(RowKernels.active.isSupported)
        #expect(RowKernels.Kernel(rawValue: 7) == nil)
    }

    @Test(arguments: supported)
    func scanMatchesTheLanes(_ kernel: RowKernels.Kernel) {
        for (count, lower) in Self.ranges {
            let values = row(lower + count, seed: UInt64(count))
            values.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                let range = lower..<(lower + count)
                let expected = RowSoftmax.lanesScan(base, range)
                let found = RowKernels.scan(base, range, kernel: kernel)
                #expect(found.maximum == expected.maximum, "\(kernel.name) at \(range)")
                #expect(found.sawNaN == expected.sawNaN && !found.sawNaN)
            }
        }
    }

    @Test(arguments: supported)
    func scanFindsNaNWhereverItIs(_ kernel: RowKernels.Kernel) {
        for position in [0, 7, 8, 15, 16, 30, 36] {
            var values = row(37, seed: 1)
            values[position] = .nan
            values.withUnsafeBufferPointer { buffer in
                #expect(RowKernels.scan(buffer.baseAddress!, 0..<37, kernel: kernel).sawNaN, "NaN at \(position)")
                // A NaN outside the range is not read.
                #expect(!RowKernels.scan(buffer.baseAddress!, 0..<position, kernel: kernel).sawNaN)
            }
        }
        let empty: [Float] = [1]
        empty.withUnsafeBufferPointer { buffer in
            #expect(RowKernels.scan(buffer.baseAddress!, 0..<0, kernel: kernel).maximum == -.infinity)
        }
    }

    @Test(arguments: supported)
    func exponentialsAndTheirSumMatchTheLanes(_ kernel: RowKernels.Kernel) {
        for (count, lower) in Self.ranges where count > 0 {
            var expected = row(lower + count + 3, seed: UInt64(count) + 100)
            let range = lower..<(lower + count)
            let maximum = expected[range].max()!
            var found = expected
            let expectedSum = expected.withUnsafeMutableBufferPointer {
                RowSoftmax.lanesExponentiate($0.baseAddress!, range, maximum: maximum)
            }
            let foundSum = found.withUnsafeMutableBufferPointer {
                RowKernels.exponentiate($0.baseAddress!, range, maximum: maximum, kernel: kernel)
            }
            #expect(foundSum.bitPattern == expectedSum.bitPattern, "\(kernel.name) at \(range)")
            // Bit patterns, so that the untouched columns around the range compare too.
            #expect(found.map(\.bitPattern) == expected.map(\.bitPattern), "\(kernel.name) at \(range)")
        }
    }

    @Test(arguments: supported)
    func scalingMatchesTheLanesAndTheScalarFormula(_ kernel: RowKernels.Kernel) {
        for (count, lower) in Self.ranges {
            let input = row(lower + count + 2, seed: UInt64(count) + 200)
            let range = lower..<(lower + count)
            var expected = input
            var found = input
            expected.withUnsafeMutableBufferPointer { RowSoftmax.lanesScale($0.baseAddress!, range, by: 0.177) }
            found.withUnsafeMutableBufferPointer { RowKernels.scale($0.baseAddress!, range, by: 0.177, kernel: kernel) }
            #expect(found.map(\.bitPattern) == expected.map(\.bitPattern))
            for divisor: Float in [1, 0.7, 3] {
                var divided = input
                divided.withUnsafeMutableBufferPointer {
                    RowKernels.scale($0.baseAddress!, range, by: 0.177, dividedBy: divisor, kernel: kernel)
                }
                let formula = input.indices.map { range.contains($0) ? input[$0] * 0.177 / divisor : input[$0] }
                #expect(divided.map(\.bitPattern) == formula.map(\.bitPattern), "divisor \(divisor)")
            }
        }
    }

    /// The softmax as `apply` runs it (the active kernel) against the same
    /// policy over the Swift lanes, and against the exact softmax in Double.
    @Test(arguments: [1, 7, 8, 64, 100, 4096])
    func softmaxOfTheActiveKernelIsTheLanesSoftmax(count: Int) {
        let input = row(count, seed: UInt64(count) + 300).map { $0 / 10 }
        var found = input
        let outcome = found.withUnsafeMutableBufferPointer { RowSoftmax.apply($0.baseAddress!, count: count, active: 0..<count) }
        var expected = input
        expected.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            let (maximum, _) = RowSoftmax.lanesScan(base, 0..<count)
            let total = RowSoftmax.lanesExponentiate(base, 0..<count, maximum: maximum)
            RowSoftmax.lanesScale(base, 0..<count, by: 1 / total)
        }
        #expect(outcome == .normal)
        #expect(found == expected)
        let finite = input.map(Double.init)
        let top = finite.max()!
        let total = finite.reduce(0) { $0 + (exp($1 - top)) }
        for (j, x) in finite.enumerated() {
            #expect(abs(Double(found[j]) - exp(x - top) / total) <= 1e-6, "column \(j)")
        }
    }
}
