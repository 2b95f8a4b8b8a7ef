import Testing
@testable import AttnLang

/// Every statement of `source`, or the first error.
func parseAll(_ source: String) throws -> [Statement] {
    var parser = Parser(source)
    var statements: [Statement] = []
    while let parsed = try parser.nextStatement() { statements.append(parsed.statement) }
    return statements
}

/// The expression of a one-statement source, written back fully.
func shape(_ source: String) throws -> String {
    guard case .expression(let expr)? = try parseAll(source).first else { return "not an expression" }
    return expr.description
}

@Test(arguments: [
    ("1 + 2 * 3", "1 + (2 * 3)"),
    ("1 - 2 - 3", "(1 - 2) - 3"),
    ("a @ b * c", "(a @ b) * c"),
    ("-x**2", "-(x ** 2)"),
    ("2**-1", "2 ** (-1)"),
    ("2**3**2", "2 ** (3 ** 2)"),
    ("a + b < c * d", "(a + b) < (c * d)"),
    ("-a @ b", "(-a) @ b"),
    ("f(x)[0].T", "f(x)[0].T"),
    ("x[1:3, :, -1, ::2]", "x[1:3, :, -1, ::2]"),
    ("softmax(q @ k.T / 2, dim=-1)", "softmax((q @ k.T) / 2, dim=-1)"),
    ("[[1, 2], [3, 4]]", "[[1, 2], [3, 4]]"),
    ("(a + b).T", "(a + b).T"),
])
func precedenceAndAssociativity(source: String, expected: String) throws {
    #expect(try shape(source) == expected)
}

@Test func statementsSplitOnLinesAndSemicolons() throws {
    let statements = try parseAll("x = 1; y = 2\n\n# only a comment\nx + y")
    #expect(statements.count == 3)
    guard case .assign(let name, _, _) = statements[1] else { Issue.record("not an assignment"); return }
    #expect(name == "y")
}

@Test func commandWordFollowedByEqualsIsAnAssignment() throws {
    let statements = try parseAll("show = 3\nshow[0] = 1\nshow show\nshow [1, 2]")
    #expect(statements.count == 4)
    if case .assign(let name, _, _) = statements[0] { #expect(name == "show") } else { Issue.record("0") }
    if case .assignIndex(let name, _, _, _) = statements[1] { #expect(name == "show") } else { Issue.record("1") }
    if case .command(let c) = statements[2] { #expect(c.name == "show") } else { Issue.record("2") }
    if case .command(let c) = statements[3] { #expect(c.value("EXPR") == .expression(.list([
        .number(1, text: "1", SourceRange(line: 4, column: 7, length: 1)),
        .number(2, text: "2", SourceRange(line: 4, column: 10, length: 1)),
    ], SourceRange(line: 4, column: 6, length: 6)))) } else { Issue.record("3") }
}

@Test func commandArgumentsFollowTheTable() throws {
    let statements = try parseAll("load w \"my file.npy\"\nsave w ~/out.csv\ndel a b c\nshow x + 1 precision=2\nlimit mem=512M\necho Hello, world!  # narration")
    guard statements.count == 6 else { Issue.record("\(statements.count) statements"); return }
    guard case .command(let load) = statements[0], case .command(let save) = statements[1],
          case .command(let del) = statements[2], case .command(let show) = statements[3],
          case .command(let limit) = statements[4], case .command(let echo) = statements[5] else {
        Issue.record("not all commands"); return
    }
    #expect(load.value("PATH")?.string == "my file.npy")
    #expect(save.value("PATH")?.string == "~/out.csv")
    #expect(del.values("NAME").compactMap(\.string) == ["a", "b", "c"])
    #expect(show.options["precision"]?.value == .integer(2))
    #expect(limit.options["mem"]?.value == .size(512 * 1024 * 1024))
    #expect(echo.value("TEXT")?.string == "Hello, world!")
}

/// Parser errors with their exact line:column.
@Test(arguments: [
    ("x = (1 + 2", "1:11", "expected `)`, found end of input"),
    ("x = 1 +", "1:8", "expected an expression, found end of input"),
    ("y = a < b < c", "1:11", "comparisons cannot be chained"),
    ("x = 1e999", "1:5", "number 1e999 is too large for float32"),
    ("x = 1e39", "1:5", "too large for float32"),
    ("y = [1, 2", "1:10", "expected `,` or `]` in the list"),
    ("x = 3 4", "1:7", "unexpected `4` after the end of the statement"),
    ("\n\n  z = )", "3:7", "expected an expression, found `)`"),
    ("(x).U", "1:4", "only `.T`"),
    ("f(x=1, 2)", "1:8", "a positional argument cannot follow a keyword argument"),
    ("x[]", "1:3", "an index needs at least one item"),
    ("x = 1 + \\\n  * 2", "2:3", "expected an expression, found `*`"),
    ("load x", "1:7", "`load` needs PATH; usage: load NAME PATH"),
    ("show x precison=2", "1:8", "`show` has no option `precison`; did you mean `precision=`?"),
    ("seed 1.5", "1:6", "needs a whole number in range, not 1.5"),
    ("seed x", "1:6", "needs a whole number, found `x`"),
    ("limit mem=12Q", "1:11", "`12Q` is not a size"),
    ("inf = 3", "1:1", "cannot assign to `inf`"),
    ("shwo x", "1:1", "unknown command `shwo`; did you mean `show`?"),
    ("frobnicate x", "1:1", "unknown command `frobnicate`"),
    ("ls extra", "1:4", "unexpected `extra`"),
    ("(1)(2)", "1:4", "only a function name can be called"),
    ("x = 1\ny = 2 +\nz = 3", "2:8", "expected an expression, found end of line"),
])
func parseErrorsAreLocated(source: String, position: String, fragment: String) {
    do {
        _ = try parseAll(source)
        Issue.record("expected an error for \(source)")
    } catch let error as LangError {
        #expect(error.range.description == position, "\(error.message)")
        #expect(error.message.contains(fragment), "\(error.message)")
    } catch {
        Issue.record("unexpected \(error)")
    }
}

@Test func parserRecoversAtTheNextStatement() throws {
    var parser = Parser("x = (1\ny = 2; z = ]\nw = 4")
    var names: [String] = []
    var errorLines: [Int] = []
    while true {
        do {
            guard let parsed = try parser.nextStatement() else { break }
            if case .assign(let name, _, _) = parsed.statement { names.append(name) }
        } catch let error as LangError {
            errorLines.append(error.range.line)
        }
    }
    #expect(names == ["y", "w"])
    #expect(errorLines == [1, 2])
}

@Test func tenThousandNestedParenthesesAreAnErrorNotACrash() {
    let source = "x = " + String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
    #expect(throws: LangError.self) { try parseAll(source) }
    do { _ = try parseAll(source) } catch let error as LangError {
        #expect(error.message.contains("deeper than 256 levels"))
        #expect(error.range.line == 1)
    } catch {}
}

@Test func deepUnaryAndListNestingAreBounded() {
    #expect(throws: LangError.self) { try parseAll(String(repeating: "-", count: 10_000) + "1") }
    #expect(throws: LangError.self) { try parseAll(String(repeating: "[", count: 10_000)) }
    #expect(throws: LangError.self) { try parseAll("2" + String(repeating: "**2", count: 10_000)) }
}

@Test func longOperatorChainsAreBoundedToo() {
    // A left-nested tree 100,000 deep would overflow the stack when evaluated or freed.
    let chain = Array(repeating: "1", count: 100_000).joined(separator: "+")
    #expect(throws: LangError.self) { try parseAll(chain) }
    #expect(throws: LangError.self) { try parseAll(Array(repeating: "x", count: 100_000).joined(separator: "@")) }
    #expect(throws: LangError.self) { try parseAll("(x)" + String(repeating: ".T", count: 100_000)) }
    #expect(throws: LangError.self) { try parseAll("x" + String(repeating: "[0]", count: 100_000)) }
}

@Test func nestingAtTheLimitIsAccepted() throws {
    let source = String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)
    #expect(try parseAll(source).count == 1)
}

@Test func statementsLongerThanOneMebibyteAreRejected() {
    let long = "x = [" + Array(repeating: "1", count: 600_000).joined(separator: ",") + "]"
    do {
        _ = try parseAll(long)
        Issue.record("expected the length limit")
    } catch let error as LangError {
        #expect(error.message.contains("longer than the limit of 1 MiB"))
    } catch {
        Issue.record("unexpected \(error)")
    }
}

@Test func statementRangeAndTextCoverTheStatement() throws {
    var parser = Parser("  y = x + 1 ; show y")
    let first = try parser.nextStatement()
    #expect(first?.text == "y = x + 1")
    #expect(first?.range == SourceRange(line: 1, column: 3, length: 9))
    #expect(try parser.nextStatement()?.text == "show y")
}
