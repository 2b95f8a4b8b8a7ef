/// How a layer describes itself in pane titles and `config`.
extension LayerConfig: CustomStringConvertible {
    /// One line such as
    /// `attn · d_model 8 · heads 2 · d_head 4 · mask causal · posenc rope`;
    /// settings at their defaults are left out.
    public var description: String {
        var parts = [name, "d_model \(dModel)", "heads \(heads)", "d_head \(dHead)"]
        if kvHeads != heads { parts.append("kv_heads \(kvHeads)") }
        if bias { parts.append("bias") }
        if !masks.isEmpty { parts.append("mask " + masks.map(\.description).joined(separator: " ")) }
        if posenc != .none { parts.append("posenc \(posenc.rawValue)") }
        if posenc == .rope && ropeBase != 10000 { parts.append("rope_base \(ropeBase)") }
        if temperature != 1 { parts.append("temperature \(temperature)") }
        if let scale { parts.append("scale \(scale)") }
        if dropout > 0 { parts.append("dropout \(dropout)") }
        if !ablated.isEmpty { parts.append("ablated " + ablated.sorted().map(String.init).joined(separator: ",")) }
        return parts.joined(separator: " · ")
    }

    /// Every setting as `key=value`, in the words of `mha` and `set`, for `config`.
    public var settings: [(key: String, value: String)] {
        [
            ("d_model", "\(dModel)"), ("heads", "\(heads)"), ("d_head", "\(dHead)"), ("kv_heads", "\(kvHeads)"),
            ("bias", "\(bias)"), ("init", initScheme.rawValue), ("seed", seed.map(String.init) ?? "global"),
            ("temperature", "\(temperature)"), ("scale", scale.map { "\($0)" } ?? "1/sqrt(\(dHead)) = \(effectiveScale)"),
            ("dropout", "\(dropout)"), ("posenc", posenc.rawValue), ("rope_base", "\(ropeBase)"),
            ("mask", masks.isEmpty ? "none" : masks.map(\.description).joined(separator: " ")),
            ("ablate", ablated.isEmpty ? "none" : ablated.sorted().map(String.init).joined(separator: " ")),
        ]
    }
}
