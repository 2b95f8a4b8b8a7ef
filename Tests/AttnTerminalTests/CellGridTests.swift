import Testing
@testable import AttnTerminal

@Suite struct CellGridTests {
    @Test func writeClipsAtTheRightEdgeAndReturnsTheAdvance() {
        var grid = CellGrid(width: 5, height: 2)
        let next = grid.write("abcdefg", x: 2, y: 0)
        #expect(grid.text == "  abc\n")
        #expect(next >= 5)
        grid.write("zz", x: -1, y: 1)
        #expect(grid.text == "  abc\nz")
    }

    @Test func writesOutsideTheGridAreIgnored() {
        var grid = CellGrid(width: 3, height: 1)
        grid.write("abc", x: 0, y: 5)
        grid.write("abc", x: 0, y: -1)
        grid.put("x", x: 3, y: 0)
        #expect(grid.text == "")
        #expect(grid[10, 10] == .blank)
    }

    @Test(arguments: [("猫", "?"), ("ｶ", "ｶ"), ("Ａ", "?"), ("😀", "?"), ("\t", "?"), ("\u{1B}", "?"),
                      ("é", "é"), ("e\u{301}", "e\u{301}"), ("░", "░"), ("·", "·")])
    func wideAndControlCharactersBecomeQuestionMarks(_ input: String, _ expected: String) {
        var grid = CellGrid(width: 4, height: 1)
        grid.write(input + "x", x: 0, y: 0)
        #expect(grid.text == expected + "x")
    }

    @Test func textTrimsTrailingSpacesOnly() {
        var grid = CellGrid(width: 6, height: 2)
        grid.write(" a b  ", x: 0, y: 0)
        #expect(grid.text == " a b\n")
    }

    @Test func styleMapNamesStylesInOrderOfAppearance() {
        var grid = CellGrid(width: 4, height: 2)
        let red = CellStyle(background: .indexed(196))
        grid.put("a", x: 1, y: 0, style: red)
        grid.put("b", x: 0, y: 1, style: .strong)
        grid.put("c", x: 2, y: 1, style: red)
        #expect(grid.styleMap == ".a\nb.a\n\na = fg default bg 196\nb = fg default bg default bold")
    }

    @Test func fillAndPasteAreClipped() {
        var big = CellGrid(width: 4, height: 3)
        big.fill(Rect(x: 2, y: 1, width: 10, height: 10), with: "#")
        #expect(big.text == "\n  ##\n  ##")
        var small = CellGrid(width: 2, height: 2, fill: Cell("o"))
        small.cursor = (x: 1, y: 0)
        big.paste(small, x: -1, y: 2)
        #expect(big.text == "\n  ##\no ##")
        #expect(big.cursor?.x == 0 && big.cursor?.y == 2)
    }

    @Test func restrictToASCIIReplacesEveryNonASCIICharacter() {
        var grid = CellGrid(width: 12, height: 1)
        grid.write("a·…→×−┌é─", x: 0, y: 0)
        grid.restrictToASCII()
        #expect(grid.text == "a|~>x-+?-")
    }

    @Test func negativeSizesMakeAnEmptyGrid() {
        let grid = CellGrid(width: -3, height: 2)
        #expect(grid.width == 0 && grid.cells.isEmpty && grid.text == "\n")
    }
}

@Suite struct TextFormattingTests {
    @Test(arguments: [(Float(0.47), 3, ".47"), (0.4749, 3, ".47"), (0.999, 3, "1.0"), (1, 4, "1.00"),
                      (1, 3, "1.0"), (0, 3, ".00"), (-0.5, 3, "-.5"), (-0.5, 4, "-.50"), (12.345, 3, "12"),
                      (12.345, 5, "12.35"), (-3, 4, "-3.0"), (123456, 3, "###"), (.nan, 3, "nan"),
                      (.infinity, 3, "inf"), (-.infinity, 2, "-"), (0.004, 3, ".00")])
    func compactNumbers(_ value: Float, _ width: Int, _ expected: String) {
        #expect(NumberText.compact(value, width: width) == expected)
    }

    @Test(arguments: [(Float(1.84), 2, "1.84"), (-2.1, 2, "-2.10"), (0.005, 1, "0.0"), (-0.001, 2, "0.00"),
                      (3e20, 2, "3.0e20"), (-3e20, 1, "-3.0e20"), (.nan, 2, "nan"), (-.infinity, 2, "-inf")])
    func fixedNumbers(_ value: Float, _ decimals: Int, _ expected: String) {
        #expect(NumberText.fixed(value, decimals: decimals) == expected)
    }

    @Test func fixedUsesTheGivenMinusSign() {
        #expect(NumberText.fixed(-1.25, decimals: 1, minus: "−") == "−1.2" || NumberText.fixed(-1.25, decimals: 1, minus: "−") == "−1.3")
        #expect(NumberText.fixed(-1.5, decimals: 0, minus: "−") == "−2")
    }

    @Test(arguments: [("transformer", 6, "trans…"), ("cat", 3, "cat"), ("cats", 3, "ca…"), ("cats", 1, "…"),
                      ("cats", 0, ""), ("", 4, "")])
    func shortenedLabels(_ text: String, _ width: Int, _ expected: String) {
        #expect(LabelText.shorten(text, to: width, ellipsis: "…") == expected)
    }

    @Test func alignedLabelsFillTheirWidth() {
        #expect(LabelText.rightAligned("on", width: 4, ellipsis: "~") == "  on")
        #expect(LabelText.rightAligned("longword", width: 4, ellipsis: "~") == "lon~")
        #expect(LabelText.centered("ab", width: 5, ellipsis: "~") == " ab  ")
    }
}
