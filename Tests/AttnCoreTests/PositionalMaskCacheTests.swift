import Testing
@testable import AttnCore

/// The combined mask of positional specs, built once and shared by repeated runs.
@Suite struct PositionalMaskCacheTests {
    func noTensors(_ name: String) throws -> Tensor { throw TensorError("no tensor \(name)") }

    /// The mask cell by cell from `MaskSpec.allows`.
    func expected(_ specs: [MaskSpec], tq: Int, tk: Int) -> [Float] {
        (0..<tq).flatMap { i in (0..<tk).map { j in specs.allSatisfy { $0.allows(query: i, key: j) } ? 1 : 0 } }
    }

    func address(_ tensor: Tensor) -> UnsafeRawPointer? {
        tensor.scalars.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    @Test func aRepeatedCombinationSharesTheMaskBuiltBefore() throws {
        let specs: [MaskSpec] = [.causal, .window(37)]
        // Another suite's mask can replace the cached one between two calls: a
        // few tries, each of which must give the right cells, and one must share.
        var shared = false
        for _ in 0..<20 where !shared {
            let first = try MaskSpec.combined(specs, heads: 2, queries: 257, keys: 263, read: noTensors)
            let second = try MaskSpec.combined(specs, heads: 2, queries: 257, keys: 263, read: noTensors)
            #expect(first.shape == [257, 263])
            #expect(first.scalars == expected(specs, tq: 257, tk: 263))
            #expect(second == first)
            shared = address(first) == address(second)
        }
        #expect(shared)
    }

    @Test func aCallerWritingIntoTheMaskWritesIntoItsOwnCopy() throws {
        var mask = try MaskSpec.combined([.pad(100)], heads: 1, queries: 300, keys: 300, read: noTensors)
        mask.scalars[0] = 5
        let again = try MaskSpec.combined([.pad(100)], heads: 1, queries: 300, keys: 300, read: noTensors)
        #expect(again.scalars == expected([.pad(100)], tq: 300, tk: 300))
    }

    @Test(arguments: [(300, 300, [MaskSpec.causal]), (300, 301, [.causal]), (301, 300, [.causal]),
                      (300, 300, [.window(3)]), (300, 300, [.block([100, 200])]), (300, 300, [])])
    func otherSpecsOrSizesGetTheirOwnMask(tq: Int, tk: Int, specs: [MaskSpec]) throws {
        _ = try MaskSpec.combined([.causal], heads: 1, queries: 300, keys: 300, read: noTensors)
        let mask = try MaskSpec.combined(specs, heads: 1, queries: tq, keys: tk, read: noTensors)
        #expect(mask.shape == [tq, tk])
        #expect(mask.scalars == expected(specs, tq: tq, tk: tk))
    }

    @Test func aMaskThatReadsATensorIsBuiltAfreshEachTime() throws {
        var cells = [Float](repeating: 1, count: 300 * 300)
        var read: (String) throws -> Tensor = { _ in Tensor(unchecked: [300, 300], scalars: cells) }
        let before = try MaskSpec.combined([.causal, .tensor("m")], heads: 1, queries: 300, keys: 300, read: read)
        cells[1] = 0
        cells[300] = 0  // row 1, key 0: open under causal, now blocked
        read = { _ in Tensor(unchecked: [300, 300], scalars: cells) }
        let after = try MaskSpec.combined([.causal, .tensor("m")], heads: 1, queries: 300, keys: 300, read: read)
        #expect(before.scalars[300] == 1)
        #expect(after.scalars[300] == 0)
        #expect(after.scalars[1] == 0)  // blocked by causal either way
    }
}
