import AttnCore
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// SIGINT as a request to cancel the running statement (`Cancellation.process`).
///
/// Used while a statement runs in the pane shell (the terminal is switched from raw keys to
/// cbreak for it, so Ctrl-C is a signal again) and by a non-interactive `attnsh FILE`. The
/// plain shell's readline handler requests cancellation itself (see `ReadlineEditor`).
///
/// A second Ctrl-C while the first is still pending ends the process the usual way, so work
/// that never checks the flag cannot trap the user; the terminal is given back first (the
/// alternate screen left, the saved modes written back). The handler reads and writes only
/// statically initialised globals and the already-created flag: it is async-signal-safe.
public enum InterruptCancels {
    /// Installs the cancelling handler; returns the action it replaced, for `restore`.
    @discardableResult
    public static func install() -> sigaction {
        Cancellation.prepare()
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { number in
            interruptCount &+= 1
            if Cancellation.process.isRequested {
                restoreFromSignal()
                signal(number, SIG_DFL)
                raise(number)
                return
            }
            Cancellation.process.request()
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        var previous = sigaction()
        sigaction(SIGINT, &action, &previous)
        var wanted = sigset_t()
        sigemptyset(&wanted)
        sigaddset(&wanted, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
        return previous
    }

    /// Puts back the action `install` replaced.
    public static func restore(_ previous: sigaction) {
        var previous = previous
        sigaction(SIGINT, &previous, nil)
    }

    /// True once any SIGINT arrived through this handler (the script runner then exits 130).
    public static var wasInterrupted: Bool { interruptCount != 0 }
}

/// How many SIGINTs the handler saw; a constant initial value, so initialised statically.
nonisolated(unsafe) private var interruptCount: Int32 = 0
