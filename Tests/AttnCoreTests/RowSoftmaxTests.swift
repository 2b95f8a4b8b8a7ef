import Foundation
import Testing
@testable import AttnCore

/// The vectorised row softmax and the mask ranges the fast path relies on.
@Suite struct RowSoftmaxTests {
    /// Distance in units in the last place between two positive floats.
    func ulps(_ a: Float, _ b: Float) -> Int {
        abs(Int(a.bitPattern) - Int(b.bitPattern))
    }

    @Test func exponentialIsWithinTwoUlpOfExpf() {
        var worst = 0
        var x: Float = -87
        while x <= 0 {
            let lanes = RowSoftmax.exponential(RowSoftmax.Lanes(repeating: x))
            worst = max(worst, ulps(lanes[3], expf(x)))
            x += 0.0137
        }
        #expect(worst <= 2, "worst error \(worst) ulp")
    }

    @Test(arguments: [-Float.infinity, -1000, -88, -87.5])
    func exponentialOfVeryNegativeIsZero(_ x: Float) {
        let lanes = RowSoftmax.exponential(RowSoftmax.Lanes(repeating: x))
        #expect(lanes == RowSoftmax.Lanes(repeating: 0))
    }

    @Test func exponentialOfZeroIsOne() {
        #expect(RowSoftmax.exponential(RowSoftmax.Lanes(repeating: 0)) == RowSoftmax.Lanes(repeating: 1))
    }

    /// RowSoftmax.apply on the whole array.
    func softmax(_ row: inout [Float], active: Range<Int>) -> RowSoftmax.Outcome? {
        let count = row.count
        return row.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { RowSoftmax.apply($0, count: count, active: active) }
        }
    }

    /// A row of `count` entries, −inf outside `open`.
    func row(count: Int, open: Range<Int>, seed: UInt64) -> [Float] {
        var random = RandomSource(seed: seed)
        return (0..<count).map { open.contains($0) ? 4 * random.nextNormal() : -.infinity }
    }

    @Test(arguments: [(37, 9..<30), (64, 0..<64), (70, 17..<18), (13, 0..<5), (100, 56..<100)])
    func anyAlignedActiveRangeCoveringTheOpenKeysGivesTheSameBits(count: Int, open: Range<Int>) {
        let input = row(count: count, open: open, seed: UInt64(count))
        var full = input
        _ = softmax(&full, active: 0..<count)
        var narrow = input
        let start = open.lowerBound / 8 * 8
        // Everything outside the active range is garbage the softmax must not read.
        for j in 0..<start { narrow[j] = .nan }
        for j in open.upperBound..<count { narrow[j] = .nan }
        _ = softmax(&narrow, active: start..<open.upperBound)
        #expect(full == narrow)
        // And it is the softmax: numpy's formula in Double.
        let finite = input[open].map(Double.init)
        let top = finite.max() ?? 0
        let total = finite.map { exp($0 - top) }.reduce(0, +)
        for j in open { #expect(abs(Double(full[j]) - exp(Double(input[j]) - top) / total) < 1e-6) }
        #expect((0..<count).filter { !open.contains($0) }.allSatisfy { full[$0] == 0 })
    }

    @Test func specialRows() {
        var nan: [Float] = [1, .nan, 2, 3, 4, 5, 6, 7, 8, 9]
        #expect(softmax(&nan, active: 0..<10) == .undefined)
        #expect(nan.allSatisfy { $0.isNaN })
        var blocked = [Float](repeating: -.infinity, count: 11)
        #expect(softmax(&blocked, active: 0..<11) == .allBlocked)
        #expect(blocked.allSatisfy { $0 == 0 })
        var infinite: [Float] = [1, .infinity, 2, .infinity, -.infinity]
        _ = softmax(&infinite, active: 0..<5)
        #expect(infinite == [0, 0.5, 0, 0.5, 0])
    }

    static let maskSpecs: [[MaskSpec]] = [
        [], [.causal], [.window(0)], [.window(3)], [.window(Int.max)], [.pad(0)], [.pad(5)], [.pad(Int.max)],
        [.block([2, 3, 1])], [.block([Int.max, 4])], [.causal, .window(2)], [.pad(6), .block([4, 4])],
        [.causal, .tensor("m")],
    ]

    @Test(arguments: maskSpecs)
    func allowedKeysAgreeWithAllows(_ specs: [MaskSpec]) {
        for (tq, tk) in [(9, 9), (5, 11), (12, 4)] {
            for i in 0..<tq {
                let range = MaskSpec.allowedKeys(specs, query: i, keys: tk)
                for j in 0..<tk {
                    #expect(range.contains(j) == specs.allSatisfy { $0.allows(query: i, key: j) },
                            "\(specs) query \(i) key \(j) of \(tk)")
                }
            }
        }
    }
}
