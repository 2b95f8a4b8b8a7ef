import AttnCore

/// A micro benchmark for the lead to time rendering (no test depends on it).
extension GridPaneRenderer {
    /// Renders 8 causal heads of 64×64 weights into a `width`×`height` pane
    /// `iterations` times, with automatic zoom and at 1 column per cell, and
    /// returns the mean milliseconds per render. The budget is well under 5 ms
    /// (a frame is 16 ms and the other panes need time too).
    public static func benchmarkRender(iterations: Int = 100, width: Int = 160, height: Int = 30,
                                       options: RenderOptions = .color256) -> Double {
        let heads = 8, tokens = 64
        var weights = [Float](repeating: 0, count: heads * tokens * tokens)
        var mask = [Float](repeating: 0, count: tokens * tokens)
        for h in 0..<heads {
            for i in 0..<tokens {
                // A causal row that decays with distance, normalised to sum to 1.
                var total: Float = 0
                for j in 0...i { total += 1 / Float(1 + (i - j) * (h + 1)) }
                for j in 0...i {
                    weights[(h * tokens + i) * tokens + j] = 1 / Float(1 + (i - j) * (h + 1)) / total
                    mask[i * tokens + j] = 1
                }
            }
        }
        var model = GridPaneModel(title: "benchmark", stageNumber: 8, stageName: "P", formula: "softmax(masked)",
                                  tensor: Tensor(unchecked: [heads, tokens, tokens], scalars: weights),
                                  mask: Tensor(unchecked: [tokens, tokens], scalars: mask),
                                  cursor: GridCursor(head: 2, row: 40, column: 20))
        let clock = ContinuousClock()
        var checksum = 0
        let elapsed = clock.measure {
            for iteration in 0..<max(1, iterations) {
                model.zoom = iteration % 2 == 0 ? nil : 1
                let grid = render(model, width: width, height: height, options: options)
                checksum &+= grid.cells.count
            }
        }
        // Using the checksum keeps the optimiser from dropping the renders.
        guard checksum >= 0 else { return 0 }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds * 1000 / Double(max(1, iterations))
    }
}
