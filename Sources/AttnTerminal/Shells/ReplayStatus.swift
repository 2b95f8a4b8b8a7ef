import AttnLang

/// Where a classroom replay stands, as its `ReplayPresenter` says.
public struct ReplayStatus: Sendable, Equatable {
    public var fileName: String
    /// Seconds between statements, or nil when each waits for Enter.
    public var delay: Double?
    public var waiting: ReplayPresenter.Waiting
    public var statementNumber: Int
    public var statementCount: Int

    public init(fileName: String, delay: Double?, waiting: ReplayPresenter.Waiting,
                statementNumber: Int, statementCount: Int) {
        self.fileName = fileName
        self.delay = delay
        self.waiting = waiting
        self.statementNumber = statementNumber
        self.statementCount = statementCount
    }

    /// The status of `presenter` now.
    public init(_ presenter: ReplayPresenter) {
        self.init(fileName: presenter.fileName, delay: presenter.delay, waiting: presenter.waiting,
                  statementNumber: presenter.statementNumber, statementCount: presenter.statementCount)
    }
}
