/// Starting values for a layer's weights (docs/reference.md §3.1 `init=`).
extension LayerWeights {
    /// Fresh weights for `config`, in the order Wq, Wk, Wv, Wo, then (with
    /// bias) bq, bk, bv, bo, drawing from `random` in that order.
    ///
    /// - xavier: Glorot uniform U(−a, a), a = sqrt(6 / (fan_in + fan_out)),
    ///   fan_in = rows, fan_out = columns; each element, row-major, is
    ///   (2u − 1)·a with u = `random.nextUniform()`.
    /// - normal: N(0, 0.02²), each element `random.nextNormal() * 0.02`.
    /// - identity: the identity matrix; a weight that is not square is an
    ///   error naming it (e.g. Wk when kv_heads < heads).
    /// - zeros: all zero.
    ///
    /// Biases start at zero under every scheme and draw no random numbers,
    /// so turning bias on does not change the matrices for a given seed.
    public static func initialise(_ config: LayerConfig, using random: inout RandomSource) throws
        -> [(name: String, tensor: Tensor)]
    {
        try config.validate()
        var result: [(name: String, tensor: Tensor)] = []
        // Check the identity shapes before drawing anything, so a failure
        // leaves the generator untouched.
        for suffix in matrixSuffixes {
            let name = config.name + "." + suffix
            let shape = requiredShape(of: name, config: config)
            try MemoryLimit.check(shape: shape)
            if config.initScheme == .identity && shape[0] != shape[1] {
                throw TensorError("init=identity needs square weights, but \(name) is \(Tensor.describe(shape)) (d_model=\(config.dModel), heads=\(config.heads), d_head=\(config.dHead), kv_heads=\(config.kvHeads))")
            }
        }
        for suffix in matrixSuffixes {
            let name = config.name + "." + suffix
            let shape = requiredShape(of: name, config: config)
            result.append((name, try matrix(shape, scheme: config.initScheme, using: &random)))
        }
        if config.bias {
            for suffix in biasSuffixes {
                let name = config.name + "." + suffix
                let shape = requiredShape(of: name, config: config)
                result.append((name, try Tensor(shape: shape, repeating: 0)))
            }
        }
        return result
    }

    /// One weight matrix [rows, columns] under `scheme`.
    static func matrix(_ shape: [Int], scheme: LayerConfig.InitScheme,
                       using random: inout RandomSource) throws -> Tensor {
        var tensor = try Tensor(shape: shape, repeating: 0)  // [rows, columns]
        let (rows, columns) = (shape[0], shape[1])
        switch scheme {
        case .xavier:
            let bound = Float((6.0 / Double(rows + columns)).squareRoot())
            for index in tensor.scalars.indices {
                tensor.scalars[index] = (2 * random.nextUniform() - 1) * bound
            }
        case .normal:
            for index in tensor.scalars.indices { tensor.scalars[index] = random.nextNormal() * 0.02 }
        case .identity:
            for i in 0..<min(rows, columns) { tensor.scalars[i * columns + i] = 1 }
        case .zeros:
            break
        }
        return tensor
    }
}

extension LayerWeights {
    /// The shape of a weight the layer always has (`NAME.Wq`, ..., and the
    /// biases when bias=true); its absence is a bug, not a case to skip.
    static func requiredShape(of name: String, config: LayerConfig) -> [Int] {
        guard let shape = expectedShape(of: name, config: config) else {
            preconditionFailure("\(name) is not a weight of layer \(config.name)")
        }
        return shape
    }
}
