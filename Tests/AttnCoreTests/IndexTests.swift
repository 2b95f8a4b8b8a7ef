import Testing
@testable import AttnCore

struct IndexTests {
    /// The same cases as INDEX_CASES in make_fixtures.py, on arange(120) [2, 3, 4, 5].
    static let cases: [(name: String, items: [TensorIndex])] = [
        ("idx_at", [.at(1)]),
        ("idx_neg_step", [.all, .at(-1), .slice(start: 1, stop: 4, step: 2)]),
        ("idx_reverse", [.at(0), .slice(start: nil, stop: nil, step: -1), .at(-2), .slice(start: nil, stop: nil, step: -2)]),
        ("idx_tail", [.at(-1), .slice(start: 1, stop: nil, step: nil), .all, .at(3)]),
        ("idx_clamped", [.all, .slice(start: 5, stop: 1, step: -2)]),
        ("idx_empty", [.all, .all, .slice(start: 10, stop: nil, step: nil)]),
        ("idx_all_at", [.at(1), .at(2), .at(3), .at(4)]),
        ("idx_big_stop", [.slice(start: -100, stop: 100, step: nil), .all, .slice(start: -3, stop: -1, step: nil)]),
    ]

    static func base() throws -> Tensor {
        try Tensor.arange(120).reshaped([2, 3, 4, 5])
    }

    @Test(arguments: cases)
    func indexingMatchesNumpy(_ name: String, _ items: [TensorIndex]) throws {
        let expected = try Fixture.tensor(name)
        #expect(try Self.base().indexed(items) == expected)
    }

    @Test(arguments: [
        ([TensorIndex.at(2)], "index 2 is out of range for axis 0 with extent 2"),
        ([.all, .at(-4)], "index -4 is out of range for axis 1 with extent 3"),
        ([.at(0), .at(0), .at(0), .at(0), .at(0)], "too many indices: 5 for a tensor of rank 4 (shape [2, 3, 4, 5])"),
        ([.slice(start: nil, stop: nil, step: 0)], "slice step cannot be zero"),
        ([.at(Int.min)], "index \(Int.min) is out of range for axis 0 with extent 2"),
    ])
    func badIndicesAreErrors(_ items: [TensorIndex], _ message: String) throws {
        let x = try Self.base()
        #expect(throws: TensorError(message)) { try x.indexed(items) }
    }

    @Test func hugeStepsAndBoundsDoNotTrap() throws {
        let x = Tensor([0, 1, 2, 3])
        #expect(try x.indexed([.slice(start: 2, stop: nil, step: Int.max)]).scalars == [2])
        #expect(try x.indexed([.slice(start: nil, stop: nil, step: Int.min)]).scalars == [3])
        #expect(try x.indexed([.slice(start: Int.min, stop: Int.max, step: 3)]).scalars == [0, 3])
        #expect(try x.indexed([.slice(start: Int.max, stop: Int.min, step: -1)]).scalars == [3, 2, 1, 0])
    }

    @Test func scalarIndexedByNothingIsItself() throws {
        #expect(try Tensor(4).indexed([]) == Tensor(4))
        #expect(throws: TensorError.self) { try Tensor(4).indexed([.at(0)]) }
    }

    @Test func assignmentBroadcastsIntoTheRegion() throws {
        var y = try Tensor.zeros([2, 3, 4])
        try y.assign([.at(1), .slice(start: nil, stop: nil, step: -1), .slice(start: 1, stop: 3, step: nil)], Tensor([10, 20]))
        #expect(y == (try Fixture.tensor("assign_row_broadcast")))

        var z = try Tensor.arange(24).reshaped([2, 3, 4])
        try z.assign([.all, .at(-1)], Tensor(shape: [2, 1], scalars: [-1, -2]))
        #expect(z == (try Fixture.tensor("assign_column_broadcast")))

        var w = try Tensor.arange(24).reshaped([2, 3, 4])
        try w.assign([.at(0), .at(1), .slice(start: nil, stop: nil, step: -3)], Tensor(7))
        #expect(w == (try Fixture.tensor("assign_scalar_step")))
    }

    @Test func failedAssignmentChangesNothing() throws {
        var y = try Tensor.arange(6).reshaped([2, 3])
        let before = y
        #expect(throws: TensorError("cannot assign a value of shape [2] to a region of shape [3]")) {
            try y.assign([.at(0)], Tensor([1, 2]))
        }
        #expect(throws: TensorError("index 5 is out of range for axis 1 with extent 3")) {
            try y.assign([.all, .at(5)], Tensor(1))
        }
        #expect(y == before)
    }

    @Test func assignmentDoesNotAffectCopies() throws {
        var y = try Tensor.zeros([2, 2])
        let copy = y
        try y.assign([.at(0), .at(1)], Tensor(5))
        #expect(y.scalars == [0, 5, 0, 0])
        #expect(copy.scalars == [0, 0, 0, 0])
    }
}
