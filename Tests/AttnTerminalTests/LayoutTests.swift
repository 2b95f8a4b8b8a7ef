import Testing
@testable import AttnTerminal

@Suite struct LayoutTests {
    @Test(arguments: [(59, 20), (60, 19), (0, 0), (-5, 100), (1000, 3)])
    func smallTerminalsAreTooSmall(_ size: (Int, Int)) {
        #expect(ScreenLayout.compute(width: size.0, height: size.1, layout: .grid)
                == .tooSmall(needWidth: 60, needHeight: 20))
    }

    static let sizes = [(60, 20), (80, 24), (100, 30), (160, 48), (300, 100)]

    /// Panes lie inside the border, do not overlap, leave room for their rules, and the log has ≥ 5 rows.
    @Test(arguments: sizes)
    func panesTileTheScreen(_ size: (Int, Int)) throws {
        for layout in [GridLayout.grid, .focus, .present] {
            guard case .panes(let panes) = ScreenLayout.compute(width: size.0, height: size.1, layout: layout) else {
                Issue.record("\(size) should fit")
                continue
            }
            let screen = Rect(x: 1, y: 1, width: size.0 - 2, height: size.1 - 2)
            var rects = [panes.grid, panes.inspector, panes.log]
            if let output = panes.output { rects.append(output) }
            if let statement = panes.statement { rects.append(statement) }
            for rect in rects {
                #expect(rect.intersection(screen) == rect, "\(rect) leaves the screen \(size)")
                #expect(!rect.isEmpty)
            }
            for (i, a) in rects.enumerated() {
                for b in rects[(i + 1)...] { #expect(a.intersection(b).isEmpty, "\(a) overlaps \(b)") }
            }
            #expect(panes.inspector.y == panes.grid.maxY + 1)
            #expect(panes.log.maxY == size.1 - 1)
            if layout == .present {
                // The projector layout: the inspector beside the statement just run, then the prompt.
                #expect(panes.output == nil && panes.log.height == 1 && panes.inspector.height >= 3)
                let statement = try #require(panes.statement)
                #expect(statement.x == panes.inspector.maxX + 1 && statement.maxX == size.0 - 1)
            } else {
                #expect(panes.log.height >= 5)
                #expect(panes.inspector.height >= 3)
                let output = try #require(panes.output)
                #expect(output.x == panes.inspector.maxX + 1)
                #expect(output.maxX == size.0 - 1)
            }
        }
    }

    @Test(arguments: [(0, 0, 5, 20, 0), (0, 7, 5, 20, 3), (10, 3, 5, 20, 3), (10, 12, 5, 20, 10),
                      (18, 19, 5, 20, 15), (0, 3, 10, 5, 0), (-4, 0, 5, 20, 0)])
    func scrollOffsetMovesOnlyAsMuchAsNeeded(_ current: Int, _ cursor: Int, _ visible: Int, _ total: Int,
                                             _ expected: Int) {
        #expect(GridPaneRenderer.scrollOffset(current: current, cursor: cursor, visible: visible, total: total)
                == expected)
    }

    @Test(arguments: [(1, 2, 2), (1, 3, 5), (2, 3, 2), (1, 4, 5), (1, 5, 5), (5, 3, 1), (3, 4, 2)])
    func tickStepLeavesRoomForEachIndex(_ pitch: Int, _ labelWidth: Int, _ expected: Int) {
        #expect(GridPaneRenderer.tickStep(pitch: pitch, labelWidth: labelWidth) == expected)
    }

    @Test(arguments: [(6, 1), (1, 1), (0, 2), (-1, 4), (-2, 8), (-4, 32), (-9, 1024), (-100, 1024)])
    func zoomLevelsBelowOneAggregate(_ zoom: Int, _ block: Int) {
        #expect(GridPaneModel.blockSize(zoom: zoom) == block)
    }
}

@Suite struct PaletteTests {
    @Test(arguments: [(Float(0), 0), (0.0999, 0), (0.1, 1), (0.55, 5), (0.9999, 9), (1, 9), (7, 9), (-1, 0), (.nan, 0)])
    func sequentialLevels(_ t: Float, _ expected: Int) {
        #expect(HeatmapPalette.level(t, steps: 10) == expected)
    }

    @Test func viridisRunsDarkToLightAndEveryRampIsReadable() {
        for palette in [HeatmapPalette.viridis, .gray] {
            #expect(palette.ramp.count == 10 && palette.textColors.count == 10)
            #expect(Set(palette.ramp).count == palette.ramp.count)
        }
        #expect(HeatmapPalette.viridis.style(for: 0).background == .indexed(53))
        #expect(HeatmapPalette.viridis.style(for: 1).background == .indexed(220))
        #expect(HeatmapPalette.gray.style(for: 0).background == .indexed(255))
    }

    @Test(arguments: [(Float(0), 4), (2, 8), (-2, 0), (1, 6), (-1, 2), (100, 8), (-100, 0), (.nan, 4)])
    func divergingIsSymmetricAroundZero(_ value: Float, _ expected: Int) {
        #expect(HeatmapPalette.divergingLevel(value, limit: 2, steps: 9) == expected)
    }

    @Test func divergingZeroIsWhite() {
        #expect(HeatmapPalette.divergingStyle(0, limit: 1).foreground == .indexed(231))
        #expect(HeatmapPalette.divergingStyle(-1, limit: 1).foreground == .indexed(25))
        #expect(HeatmapPalette.divergingStyle(1, limit: 1).foreground == .indexed(124))
    }

    @Test func legendShowsEveryShadeAndTheMaskedMark() {
        let mono = GridPaneRenderer.render(Examples.twoHeadModel(), width: 78, height: 9, options: .monochrome)
        #expect(mono.text.hasSuffix(" 0 ░ ▒ ▓ █ 1   · masked"))
        let ascii = GridPaneRenderer.render(Examples.twoHeadModel(), width: 78, height: 9, options: .ascii)
        #expect(ascii.text.hasSuffix(" 0  .:-=+*#%@ 1   x masked"))
        var gray = RenderOptions.color256
        gray.palette = .gray
        let colored = GridPaneRenderer.render(Examples.twoHeadModel(), width: 78, height: 9, options: gray)
        let legend = colored.rows[8]
        let swatches = legend.compactMap { cell -> UInt8? in
            if case .indexed(let index) = cell.background { return index }
            return nil
        }
        #expect(swatches == HeatmapPalette.gray.ramp.flatMap { [$0, $0] })
    }
}
