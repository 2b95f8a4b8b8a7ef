#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Puts the terminal back the way it was found: at exit, and from signal handlers.
///
/// `saveModes` records the terminal's modes (what `stty -g` prints) before the screen takes
/// over; `install` arranges for them to be written back, with the sequence that leaves the
/// alternate screen and shows the cursor, on exit and on every signal whose default action ends
/// the process (SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGALRM, the fatal ones, ...), each of
/// which is then re-raised so the process ends as it would have.
///
/// Everything a signal handler reads is a global with a constant initial value (initialised
/// statically, never lazily) and the handler calls only async-signal-safe functions
/// (`write`, `tcsetattr`, `signal`, `raise`).
enum TerminalRestore {
    /// Signals after which the terminal is restored before the process ends: every signal
    /// whose default action terminates (SIGPIPE included: a closed terminal), SIGKILL and
    /// SIGSTOP aside, which cannot be caught.
    static let signals: [Int32] = [
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE,
        SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGPIPE, SIGXCPU, SIGXFSZ, SIGSYS, SIGPOLL, SIGPWR,
        SIGSTKFLT,
    ]

    /// Records the terminal's current modes (once; later calls keep the first).
    static func saveModes() {
        guard savedModes == nil, isatty(STDIN_FILENO) == 1 else { return }
        let modes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        guard tcgetattr(STDIN_FILENO, modes) == 0 else {
            modes.deallocate()
            return
        }
        savedModes = modes
    }

    /// Sets the bytes written before the modes are restored (leave the alternate screen, show the cursor).
    static func setExitSequence(_ bytes: [UInt8]) {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        buffer.initialize(from: bytes, count: bytes.count)
        exitSequenceCount = 0
        exitSequence = buffer
        exitSequenceCount = bytes.count
    }

    /// Writes the saved modes back (a no-op before `saveModes`).
    static func restoreModes() {
        guard let savedModes else { return }
        tcsetattr(STDIN_FILENO, TCSADRAIN, savedModes)
    }

    /// Installs the signal handlers and the exit hook, and marks the screen as taken over.
    static func install() {
        screenActive = 1
        if !installed {
            installed = true
            atexit { restoreFromSignal() }
            // Signals blocked by whoever started us would never arrive; the screen must see them.
            var wanted = sigset_t()
            sigemptyset(&wanted)
            for number in signals + [SIGWINCH] { sigaddset(&wanted, number) }
            pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
        }
        for number in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                restoreFromSignal()
                signal(number, SIG_DFL)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(number, &action, nil)
        }
    }

    /// Marks the screen as given back (after a normal `close`): the hooks then do nothing.
    static func deactivate() {
        screenActive = 0
    }
}

nonisolated(unsafe) private var savedModes: UnsafeMutablePointer<termios>? = nil
nonisolated(unsafe) private var exitSequence: UnsafeMutablePointer<UInt8>? = nil
nonisolated(unsafe) private var exitSequenceCount = 0
nonisolated(unsafe) private var screenActive: Int32 = 0
nonisolated(unsafe) private var installed = false

/// The signal-safe restore: the exit sequence to the terminal, then the saved modes (a no-op
/// once done, or when the screen was never taken over). Other handlers that end the process
/// (a second Ctrl-C, `InterruptCancels`) call it first.
func restoreFromSignal() {
    guard screenActive != 0 else { return }
    screenActive = 0
    if let exitSequence, exitSequenceCount > 0 {
        _ = write(STDOUT_FILENO, exitSequence, exitSequenceCount)
    }
    if let savedModes { tcsetattr(STDIN_FILENO, TCSADRAIN, savedModes) }
}
