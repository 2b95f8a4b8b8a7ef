import Foundation
import AttnCore

/// The commands that let a lesson check itself and ask the class: `expect` and `ask`
/// (docs/reference.md §5.3b).
extension CommandSpec {
    static let lesson: [CommandSpec] = [
        CommandSpec(name: "expect", group: "session",
                    summary: "fail the script here unless EXPR holds: a scalar that is not 0, or every element of a comparison; with tol=, `a == b` allows |a − b| ≤ T",
                    example: "expect sum(attn.P, dim=-1) == 1 tol=1e-6",
                    arguments: [ArgumentSpec("EXPR", .expression)],
                    options: [OptionSpec("tol", .number, "how far apart the two sides of `==` may be", placeholder: "T")]) { interpreter, command in
            try interpreter.expect(try command.expression("EXPR"), tolerance: command.options["tol"])
        },
        CommandSpec(name: "ask", group: "session",
                    summary: "show a question to the class; in a replay, wait for Enter before the next statement shows the answer",
                    example: "ask Which key does the last query attend to most?",
                    arguments: [ArgumentSpec("TEXT", .text)]) { interpreter, command in
            guard let text = command.value("TEXT")?.string, !text.isEmpty else {
                throw LangError("`ask` needs the question to show; usage: \(command.spec.syntax)", at: command.nameRange)
            }
            interpreter.print("Question: " + text)
            interpreter.pauseRequested = true
        },
    ]
}

extension Interpreter {
    /// `expect EXPR [tol=T]`: nothing when EXPR holds, else an error at EXPR that says what it
    /// found. A rank-0 result holds when it is not 0; a larger one when every element is not 0
    /// (a comparison is 1 or 0 per element). With `tol=T` the expression must be `A == B`, which
    /// then holds where |A − B| ≤ T (broadcasting as `==` does; NaN never holds).
    mutating func expect(_ expr: Expr, tolerance option: OptionValue?) throws {
        if let option {
            guard case .number(let tolerance) = option.value, tolerance >= 0, tolerance.isFinite else {
                throw LangError("`tol=` must be a number ≥ 0", at: option.range)
            }
            guard case .binary(.equal, let left, let right, _) = expr else {
                throw LangError("`tol=` applies to a comparison `A == B`; write `expect A == B tol=\(tolerance)`", at: option.range)
            }
            let a = try evaluate(left), b = try evaluate(right)
            let difference = try located(expr.range) { try Tensor.binary(.sub, a, b) }
            let worst = difference.scalars.reduce(Float(0)) { current, d in
                (d.isNaN || current.isNaN) ? .nan : max(current, abs(d))
            }
            guard worst <= tolerance else {
                throw LangError("expect failed: `\(expr)` is off by up to \(Self.shortNumber(worst)), more than tol=\(Self.shortNumber(tolerance))", at: expr.range)
            }
            return
        }
        let value = try evaluate(expr)
        let failing = value.scalars.filter { $0 == 0 || $0.isNaN }.count
        guard !value.scalars.isEmpty else {
            throw LangError("expect failed: `\(expr)` is empty (shape \(Tensor.describe(value.shape)))", at: expr.range)
        }
        guard failing == 0 else {
            let shown = value.rank == 0 ? "is \(Self.shortNumber(value.scalars[0]))"
                : "is false at \(failing) of \(value.scalars.count) elements"
            throw LangError("expect failed: `\(expr)` \(shown)", at: expr.range)
        }
    }

    /// A number for a message: up to 4 significant digits.
    static func shortNumber(_ value: Float) -> String {
        value.isNaN ? "nan" : value.isInfinite ? (value > 0 ? "inf" : "-inf") : "\(Float(String(format: "%.4g", Double(value))) ?? value)"
    }
}
