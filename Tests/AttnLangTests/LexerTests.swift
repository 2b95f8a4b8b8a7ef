import Testing
@testable import AttnLang

/// All tokens of `source` up to the end.
func lex(_ source: String) throws -> [Token] {
    var lexer = Lexer(source)
    var tokens: [Token] = []
    while true {
        let token = try lexer.next()
        if token.kind == .end { return tokens }
        tokens.append(token)
    }
}

@Test func tokensCarryKindTextAndPosition() throws {
    let tokens = try lex("y = attn.P @ x.T ** 2")
    #expect(tokens.map(\.kind) == [.name, .equal, .name, .at, .name, .starStar, .number])
    #expect(tokens.map(\.text) == ["y", "=", "attn.P", "@", "x.T", "**", "2"])
    #expect(tokens.map(\.range.column) == [1, 3, 5, 12, 14, 18, 21])
    #expect(tokens[2].range.length == 6)
}

@Test(arguments: [
    ("3", "3"), ("0.5", "0.5"), ("1e-3", "1e-3"), (".5", ".5"), ("2.", "2."), ("1E+4", "1E+4"),
])
func numbersLexAsOneToken(source: String, text: String) throws {
    let tokens = try lex(source)
    #expect(tokens.count == 1)
    #expect(tokens.first?.kind == .number)
    #expect(tokens.first?.text == text)
}

@Test func dotAfterBracketIsAPostfixNotAName() throws {
    let tokens = try lex("(x).T x[0].T h0.q")
    #expect(tokens.map(\.kind) == [.leftParen, .name, .rightParen, .dot, .name, .name, .leftBracket, .number, .rightBracket, .dot, .name, .name])
    #expect(tokens.last?.text == "h0.q")
}

@Test func commentsEndAtTheLineAndNotInsideStrings() throws {
    let tokens = try lex("x = 1 # a comment\n\"a # b\"")
    #expect(tokens.map(\.kind) == [.name, .equal, .number, .newline, .string])
    #expect(tokens.last?.text == "a # b")
    #expect(tokens.last?.range == SourceRange(line: 2, column: 1, length: 7))
}

@Test func continuedLinesKeepTheirOriginalPositions() throws {
    let tokens = try lex("x = 1 + \\\n    2 \\  # note\n  * 3")
    #expect(tokens.map(\.kind) == [.name, .equal, .number, .plus, .number, .star, .number])
    #expect(tokens[4].range == SourceRange(line: 2, column: 5, length: 1))
    #expect(tokens[5].range == SourceRange(line: 3, column: 3, length: 1))
}

@Test func columnsCountCharactersNotBytes() throws {
    // "é" is two UTF-8 bytes but one Character.
    let tokens = try lex("\"é\" x")
    #expect(tokens[1].range.column == 5)
}

@Test(arguments: [
    ("x = $", "1:5", "unexpected character `$`"),
    ("x = 1 ! 2", "1:7", "did you mean `!=`?"),
    ("x = 1 \\ 2", "1:7", "backslash continues"),
    ("load \"abc", "1:6", "unterminated string"),
])
func lexerErrorsAreLocated(source: String, position: String, fragment: String) {
    do {
        _ = try lex(source)
        Issue.record("expected an error for \(source)")
    } catch let error as LangError {
        #expect(error.range.description == position)
        #expect(error.message.contains(fragment), "\(error.message)")
    } catch {
        Issue.record("unexpected \(error)")
    }
}

@Test func rawWordReadsPathsAndQuotedStrings() throws {
    var lexer = Lexer("  ~/data/x.npy \"a b.npy\" ; rest")
    #expect(try lexer.rawWord()?.text == "~/data/x.npy")
    let quoted = try lexer.rawWord()
    #expect(quoted?.text == "a b.npy")
    #expect(quoted?.range.column == 16)
    #expect(try lexer.rawWord() == nil)
}
