/// Summary statistics of a tensor: min, max, mean, standard deviation over
/// its finite elements, and counts of NaN and infinite elements.
///
/// mean = Σ x / n and std = √(Σ (x − mean)² / n) (population, numpy's
/// default ddof=0), both over the n finite elements and accumulated in
/// Double. With no finite element, min, max, mean and std are NaN.
public struct TensorStats: Sendable, Equatable {
    public let count: Int
    public let finiteCount: Int
    public let nanCount: Int
    public let positiveInfinityCount: Int
    public let negativeInfinityCount: Int
    public let min: Float
    public let max: Float
    public let mean: Float
    public let std: Float

    public init(_ tensor: Tensor) {
        var nan = 0, positive = 0, negative = 0, finite = 0
        var low = Float.infinity, high = -Float.infinity
        var sum = 0.0
        for x in tensor.scalars {
            if x.isNaN { nan += 1; continue }
            if x == .infinity { positive += 1; continue }
            if x == -.infinity { negative += 1; continue }
            finite += 1
            low = Swift.min(low, x)
            high = Swift.max(high, x)
            sum += Double(x)
        }
        count = tensor.count
        finiteCount = finite
        nanCount = nan
        positiveInfinityCount = positive
        negativeInfinityCount = negative
        guard finite > 0 else {
            (min, max, mean, std) = (.nan, .nan, .nan, .nan)
            return
        }
        let average = sum / Double(finite)
        // Two passes: Σ(x − mean)² does not cancel catastrophically as
        // Σx² − n·mean² would for values far from zero.
        var squares = 0.0
        for x in tensor.scalars where x.isFinite {
            let deviation = Double(x) - average
            squares += deviation * deviation
        }
        min = low
        max = high
        mean = Float(average)
        std = Float((squares / Double(finite)).squareRoot())
    }
}
