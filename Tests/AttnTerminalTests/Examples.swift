import AttnCore
@testable import AttnTerminal

/// Fixed example tensors built by formula (no randomness), as a lesson would produce them.
enum Examples {
    static let fiveTokens = ["the", "cat", "sat", "on", "mat"]
    static let sixTokens = ["a", "small", "dog", "ran", "home", "fast"]

    /// Row-wise softmax of `score(h, i, j)` over the keys the mask allows; blocked keys get 0.
    static func softmax(heads: Int, rows: Int, columns: Int, allowed: (Int, Int) -> Bool = { _, _ in true },
                        score: (Int, Int, Int) -> Double) -> Tensor {
        var values = [Float]()
        for h in 0..<heads {
            for i in 0..<rows {
                let scores = (0..<columns).map { allowed(i, $0) ? score(h, i, $0) : -Double.infinity }
                let top = scores.max() ?? 0
                let exps = scores.map { $0 == -Double.infinity ? 0 : _exp($0 - top) }
                let total = exps.reduce(0, +)
                values += exps.map { Float(total > 0 ? $0 / total : 0) }
            }
        }
        return Tensor(unchecked: heads == 1 ? [rows, columns] : [heads, rows, columns], scalars: values)
    }

    static func _exp(_ x: Double) -> Double {
        // exp by its series on a halved argument, squared back: tests stay free of Foundation's libm.
        var reduced = x, squarings = 0
        while abs(reduced) > 0.5 { reduced /= 2; squarings += 1 }
        var term = 1.0, sum = 1.0
        for n in 1...20 { term *= reduced / Double(n); sum += term }
        for _ in 0..<squarings { sum *= sum }
        return sum
    }

    static func _sin(_ x: Double) -> Double {
        var y = x.truncatingRemainder(dividingBy: 2 * Double.pi)
        if y > Double.pi { y -= 2 * Double.pi }
        if y < -Double.pi { y += 2 * Double.pi }
        var term = y, sum = y
        for n in 1...15 { term *= -y * y / Double((2 * n) * (2 * n + 1)); sum += term }
        return sum
    }

    static func causalMask(_ count: Int) -> Tensor {
        var values = [Float]()
        for i in 0..<count { for j in 0..<count { values.append(j <= i ? 1 : 0) } }
        return Tensor(unchecked: [count, count], scalars: values)
    }

    /// Two causal heads over "the cat sat on mat": head 0 looks at the previous token, head 1 at itself.
    static func twoHeadWeights() -> Tensor {
        softmax(heads: 2, rows: 5, columns: 5, allowed: { j, i in i <= j }) { h, i, j in
            h == 0 ? -1.6 * Double(abs(i - 1 - j)) + 0.2 * Double(j) : (i == j ? 2.0 : 0.4 * _sin(Double(i + 2 * j)))
        }
    }

    /// Eight unmasked heads over six tokens, each with its own smooth pattern.
    static func eightHeadWeights() -> Tensor {
        softmax(heads: 8, rows: 6, columns: 6) { h, i, j in
            (1.0 + 0.35 * Double(h)) * _sin(0.7 * Double(h) + 1.3 * Double(i) - 0.9 * Double(j))
        }
    }

    /// Head outputs Z [H, T, K] with signed values.
    static func headOutputs(heads: Int, tokens: Int, headDim: Int) -> Tensor {
        var values = [Float]()
        for h in 0..<heads {
            for t in 0..<tokens {
                for k in 0..<headDim {
                    values.append(Float(1.3 * _sin(Double(h) + 0.5 * Double(t) + 1.1 * Double(k))))
                }
            }
        }
        return Tensor(unchecked: [heads, tokens, headDim], scalars: values)
    }

    static func twoHeadModel(layout: GridLayout = .grid, cursor: GridCursor = GridCursor(head: 0, row: 2, column: 1)) -> GridPaneModel {
        GridPaneModel(title: "attn · d_model 8 · heads 2 · d_head 4 · mask causal", stageNumber: 8,
                      stageName: "P", formula: "softmax(masked)", tensor: twoHeadWeights(),
                      mask: causalMask(5), queryLabels: fiveTokens, keyLabels: fiveTokens,
                      layout: layout, cursor: cursor)
    }

    static func eightHeadModel(layout: GridLayout = .grid, cursor: GridCursor = GridCursor(head: 3, row: 4, column: 2)) -> GridPaneModel {
        GridPaneModel(title: "attn · d_model 16 · heads 8 · d_head 2", stageNumber: 8,
                      stageName: "P", formula: "softmax(masked)", tensor: eightHeadWeights(),
                      queryLabels: sixTokens, keyLabels: sixTokens, layout: layout, cursor: cursor)
    }
}

extension Examples {
    static func twoHeadScreen(layout: GridLayout = .grid) -> ScreenModel {
        let grid = twoHeadModel(layout: layout)
        let weights = grid.tensor
        let row = Array(weights.scalars[10..<15])  // head 0, query "sat"
        let top = (0..<5).map { KeyWeight(label: fiveTokens[$0], weight: row[$0]) }
            .filter { $0.weight > 0 }.sorted { $0.weight > $1.weight }
        let inspector = InspectorModel(head: 0, queryLabel: "sat", queryPosition: 2, keyLabel: "cat",
                                       keyPosition: 1, rawScore: 1.84, headDim: 4, scaledScore: 0.92,
                                       weight: row[1], topKeys: top)
        return ScreenModel(layout: layout, grid: grid,
                           output: OutputPaneModel(tensor: headOutputs(heads: 2, tokens: 5, headDim: 4),
                                                   tokenLabels: fiveTokens, highlightedRow: 2),
                           inspector: inspector,
                           log: ["attn> layer attn d_model=8 heads=2", "attn> tokens the cat sat on mat",
                                 "attn> mask causal", "attn> run", "ran 11 stages: attn.X … attn.out  [5×8]"],
                           input: "", lastStatement: "run")
    }

    static func eightHeadScreen(layout: GridLayout = .grid) -> ScreenModel {
        let grid = eightHeadModel(layout: layout)
        let base = (3 * 6 + 4) * 6
        let row = Array(grid.tensor.scalars[base..<(base + 6)])
        let top = (0..<6).map { KeyWeight(label: sixTokens[$0], weight: row[$0]) }.sorted { $0.weight > $1.weight }
        let inspector = InspectorModel(head: 3, queryLabel: "home", queryPosition: 4, keyLabel: "dog",
                                       keyPosition: 2, rawScore: -2.1, headDim: 2, scaledScore: -1.48,
                                       weight: row[2], topKeys: Array(top.prefix(4)))
        return ScreenModel(layout: layout, grid: grid,
                           output: OutputPaneModel(tensor: headOutputs(heads: 8, tokens: 6, headDim: 2),
                                                   tokenLabels: sixTokens, highlightedRow: 4),
                           inspector: inspector,
                           log: ["attn> layer attn d_model=16 heads=8", "attn> tokens a small dog ran home fast",
                                 "attn> run"],
                           input: "view attn.P", lastStatement: "run")
    }
}
