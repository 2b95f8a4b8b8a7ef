import AttnCore

/// Evaluation of expressions to tensors.
extension Interpreter {
    /// The value of `expr`. Errors carry the range of the node that failed.
    public mutating func evaluate(_ expr: Expr) throws -> Tensor {
        switch expr {
        case .number(let value, _, _):
            return Tensor(value)
        case .name(let name, let range):
            return try lookup(name, at: range)
        case .list(let elements, let range):
            return try list(elements, range: range)
        case .unary(let op, let operand, let range):
            let value = try evaluate(operand)
            guard op == .negate else { return value }
            try located(range) { try MemoryLimit.check(shape: value.shape) }
            return value.map(.neg)
        case .binary(let op, let lhs, let rhs, let range):
            let a = try evaluate(lhs)
            let b = try evaluate(rhs)
            return try located(range) {
                guard let elementwise = op.elementwise else { return try Tensor.matmul(a, b) }
                return try Tensor.binary(elementwise, a, b)
            }
        case .call(let name, let arguments, let range):
            return try call(name, arguments, at: range)
        case .index(let base, let items, let range):
            let tensor = try evaluate(base)
            let indices = try tensorIndices(items)
            return try located(range) { try tensor.indexed(indices) }
        case .transpose(let base, let range):
            let value = try evaluate(base)
            try located(range) { try MemoryLimit.check(shape: value.shape) }
            return value.transposedLast
        }
    }

    /// A workspace tensor; `x.T` means the transpose of `x` when `x.T` itself is not defined.
    // A chain `x.T.T.T…` is folded in a loop, longest defined name first:
    // two transposes cancel, so at most one is applied, and the chain is
    // bounded by the parser's nesting limit (one lookup per `.T`).
    public func lookup(_ name: String, at range: SourceRange) throws -> Tensor {
        var base = Substring(name)
        var transposes = 0
        while true {
            if let tensor = state.workspace[String(base)] {
                guard transposes % 2 == 1 else { return tensor }
                try located(range) { try MemoryLimit.check(shape: tensor.shape) }
                return tensor.transposedLast
            }
            guard base.hasSuffix(".T"), base.count > 2, transposes < Parser.maxDepth else { break }
            base = base.dropLast(2)
            transposes += 1
        }
        throw undefinedName(name, at: range)
    }

    /// `[a, b, ...]`: rank-0 elements make a vector; equal-shaped tensors are stacked.
    private mutating func list(_ elements: [Expr], range: SourceRange) throws -> Tensor {
        var values: [Tensor] = []
        values.reserveCapacity(elements.count)
        for element in elements {
            let value = try evaluate(element)
            if let first = values.first, first.shape != value.shape {
                throw LangError("ragged list: element \(values.count + 1) has shape \(Tensor.describe(value.shape)) but element 1 has shape \(Tensor.describe(first.shape))", at: element.range)
            }
            values.append(value)
        }
        guard let first = values.first else { return Tensor([Float]()) }
        if first.rank == 0 {
            try located(range) { try MemoryLimit.check(elements: values.count) }
            return Tensor(values.map { $0.scalars[0] })
        }
        return try located(range) { try Tensor.stack(values, dim: 0) }
    }

    /// Evaluates index items to tensor indices (each bound a whole number).
    mutating func tensorIndices(_ items: [IndexItem]) throws -> [TensorIndex] {
        var indices: [TensorIndex] = []
        for item in items {
            switch item {
            case .at(let expr):
                indices.append(.at(try indexNumber(expr)))
            case .slice(let start, let stop, let step, _):
                let a = try start.map { try indexNumber($0) }
                let b = try stop.map { try indexNumber($0) }
                let c = try step.map { try indexNumber($0) }
                indices.append(.slice(start: a, stop: b, step: c))
            }
        }
        return indices
    }

    private mutating func indexNumber(_ expr: Expr) throws -> Int {
        let value = try evaluate(expr)
        guard value.rank == 0 else {
            throw LangError("an index must be a single whole number, not a tensor of shape \(Tensor.describe(value.shape))", at: expr.range)
        }
        return try Interpreter.wholeNumber(value.scalars[0], what: "an index", at: expr.range, literal: expr)
    }
}

extension BinaryOperator {
    /// The elementwise tensor operation, or nil for `@`.
    var elementwise: BinaryOp? {
        switch self {
        case .add: .add
        case .subtract: .sub
        case .multiply: .mul
        case .divide: .div
        case .power: .pow
        case .less: .lt
        case .lessEqual: .le
        case .greater: .gt
        case .greaterEqual: .ge
        case .equal: .eq
        case .notEqual: .ne
        case .matmul: nil
        }
    }
}
