import AttnCore
import AttnTestSupport
import Foundation
import FoundationXML
import Testing
@testable import AttnLang

/// The analysis commands as a user types them: `heads` on hand-built heads,
/// `explain` against the trace and a golden file, `export svg` as XML, and
/// every help example.
struct AnalysisCommandTests {
    /// Runs `source` in a fresh session; returns output lines and error headers.
    static func run(_ source: String, in transcript: Transcript = Transcript()) -> (session: Session, output: [String], errors: [String]) {
        let session = transcript.session()
        session.runScript(source, fileName: "test.attn", keepGoing: true)
        return (session, transcript.output, transcript.errorHeaders)
    }

    /// A fresh folder for one test (tests run in parallel).
    static func scratchFolder() throws -> String {
        let path = NSTemporaryDirectory() + "/attnsh-analysis-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static let prepared = """
        mha d_model=8 heads=2 seed=1
        tokens the cat sat on the mat
        mask causal
        run
        """

    /// Head 0 looks at the previous token, head 1 at the first: X is one-hot
    /// positions, Wk the identity per head, and Wq sends position i to the
    /// key of position i − 1 (head 0) or of position 0 (head 1), times 20, so
    /// the chosen key wins the softmax by a margin of 20/sqrt(8) ≈ 7.
    static let handBuilt = """
        mha d_model=8 heads=2 d_head=8 init=zeros
        X = eye(8)[0:6]
        attn.Wq[1:8, 0:7] = 20 * eye(7)
        attn.Wq[:, 8] = 20 * ones(8)
        attn.Wk[:, 0:8] = eye(8)
        attn.Wk[:, 8:16] = eye(8)
        run
        """

    @Test func headsNamesHandBuiltHeads() throws {
        let (_, output, errors) = AnalysisCommandTests.run(AnalysisCommandTests.handBuilt + "\nheads\nheads prev\nheads first")
        #expect(errors.isEmpty, "\(errors)")
        let head0 = try #require(output.first { $0.hasPrefix("head 0  previous token") })
        let head1 = try #require(output.first { $0.hasPrefix("head 1  first token") })
        // The score right after the name.
        func score(_ line: String, _ name: String) -> Float? {
            line.components(separatedBy: name).last?.split(separator: " ").first.flatMap { Float(String($0)) }
        }
        #expect(try #require(score(head0, "previous token")) > 0.9)
        #expect(try #require(score(head1, "first token")) > 0.9)
        #expect(output.contains { $0.hasPrefix("prev (previous token) score") })
    }

    @Test func randomHeadIsNotPrevOrFirst() throws {
        let (session, _, errors) = AnalysisCommandTests.run("mha d_model=8 heads=1 seed=5\nX = randn(6, 8, seed=2)\nrun")
        #expect(errors.isEmpty)
        let p = try #require(session.state.workspace["attn.P"])
        let scores = try HeadPatternScores.detect(weights: p)
        #expect(scores[0].score(.prev) < 0.9 && scores[0].score(.first) < 0.9)
        #expect(scores[0].name != "prev" && scores[0].name != "first")
    }

    @Test func explainMatchesGoldenAndTrace() throws {
        let transcript = Transcript()
        let (session, _, errors) = AnalysisCommandTests.run(AnalysisCommandTests.prepared, in: transcript)
        #expect(errors.isEmpty)
        transcript.output.removeAll()
        session.runScript("explain 1 4 2", fileName: "test.attn", keepGoing: false)
        let text = transcript.output.joined(separator: "\n")
        try expectGolden(text, "explain.txt")
        let workspace = session.state.workspace
        let scores = try #require(workspace["attn.scores"]), p = try #require(workspace["attn.P"])
        // cell [1, 4, 2] of [2, 6, 6]
        let cell = (1 * 6 + 4) * 6 + 2
        func value(after prefix: String) -> Float? {
            let line = transcript.output.first { $0.hasPrefix(prefix) }
            return line?.dropFirst(prefix.count).split(separator: " ").first.flatMap { Float(String($0)) }
        }
        let score = try #require(value(after: "score = Σ q⊙k"))
        let weight = try #require(value(after: "weight = numerator / denominator"))
        #expect(abs(score - scores.scalars[cell]) < 1e-4)
        #expect(abs(weight - p.scalars[cell]) < 1e-4)
        #expect(text.contains("attn.P[1, 4, 2] = \(StageFormatter.fixed(p.scalars[cell], precision: 4))"))
    }

    @Test func explainReflectsEditsAndAlibi() throws {
        let transcript = Transcript()
        let (session, _, _) = AnalysisCommandTests.run(AnalysisCommandTests.prepared + "\nset posenc=alibi\nrun", in: transcript)
        transcript.output.removeAll()
        session.runScript("attn.scores[0, 3, 1] = 10\nexplain 0 3 1\nexplain 0 1 3", fileName: "t", keepGoing: false)
        let text = transcript.output.joined(separator: "\n")
        #expect(text.contains("ALiBi bias −m·|i−j|"))
        #expect(text.contains("attn.scores[0, 3, 1] = 10.0000  (differs"))
        #expect(text.contains("mask") && text.contains("blocked"))
    }

    @Test(arguments: [
        ("mha d_model=8 heads=2\nexplain 0 0 0", "needs attn.P (stage 8)"),
        (prepared + "\nback 4\nexplain 0 0 0", "`step 1` to reach it"),
        (prepared + "\nexplain 2 0 0", "head 2 is out of range"),
        (prepared + "\nexplain 0 6 0", "query 6 is out of range"),
        (prepared + "\nexplain 0 0 -1", "key -1 is out of range"),
        (prepared + "\ntop 0", "positive number of keys"),
        (prepared + "\ncost T=0", "T must be a positive"),
        (prepared + "\ncompare attn.Q attn.P", "compare"),
        (prepared + "\nexport svg attn.nothing x.svg", "not defined"),
        (prepared + "\nexport svg attn.out /nonexistent-folder/x.svg", "cannot write"),
        ("x = ones(2, 2, 2, 2)\nexport svg x x.svg", "rank 2 or 3"),
        ("heads", "no attention layer"),
    ])
    func analysisErrors(_ source: String, _ fragment: String) {
        let transcript = Transcript()
        _ = AnalysisCommandTests.run(source, in: transcript)
        #expect(transcript.errors.count == 1 && transcript.errors.first?.contains(fragment) == true, "\(transcript.errors)")
    }

    @Test func exportedSVGParsesWithPanelsAndLabels() throws {
        let folder = try AnalysisCommandTests.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/attn.svg"
        let (_, output, errors) = AnalysisCommandTests.run(AnalysisCommandTests.prepared + "\nexport svg attn.P \(path)\nexport csv attn.P \(folder)/attn.csv")
        #expect(errors.isEmpty, "\(errors)")
        #expect(output.contains("wrote \(path) (svg, attn.P 2 panels of 6×6)"))
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let reader = SVGReader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        #expect(parser.parse(), "XML error: \(String(describing: parser.parserError))")
        #expect(reader.root == "svg")
        #expect(reader.classes["panel"] == 2)
        #expect(reader.classes["cell"] == 72)
        #expect(reader.texts["panel-title"] == ["head 0", "head 1"])
        let words = ["the", "cat", "sat", "on", "the", "mat"]
        #expect(reader.texts["row-label"] == words + words)
        #expect(reader.texts["col-label"] == words + words)
        #expect(reader.ids.contains("colorbar") && reader.ids.contains("title"))
        #expect(reader.idTexts["title"] == "attn.P [2, 6, 6]")
        #expect(reader.idTexts["subtitle"]?.contains("P = softmax(masked)") == true)
        let csv = try String(contentsOfFile: folder + "/attn.csv", encoding: .utf8)
        #expect(csv.hasPrefix("head,,the,cat,sat,on,the,mat\nhead 0,the,1.0,0.0,"))
    }

    /// Every command's and function's example runs without error in a
    /// prepared session (each on its own copy), with file paths resolved
    /// inside a scratch folder; the `model` example runs in the next test.
    @Test func everyHelpExampleRuns() throws {
        let folder = try AnalysisCommandTests.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let transcript = Transcript()
        let (session, _, setupErrors) = AnalysisCommandTests.run(AnalysisCommandTests.prepared + "\nx = randn(2, 3, seed=1)\ny = ones(3)", in: transcript)
        #expect(setupErrors.isEmpty)
        let prepared = try HelpExample.run("save attn.P p.npy", state: session.state, folder: folder)
        let examples = CommandSpec.all.map { ($0.name, $0.example) } + FunctionSpec.all.map { ($0.name, $0.example) }
        for (name, example) in examples {
            #expect(!example.isEmpty, "\(name) has no example")
            guard name != "model" else { continue }
            do {
                _ = try HelpExample.run(example, state: prepared, folder: folder)
            } catch {
                Issue.record("example of `\(name)` failed: \(example): \(error)")
            }
        }
        for spec in CommandSpec.all {
            #expect(!spec.syntax.isEmpty && !spec.summary.isEmpty && !spec.summary.contains("\n"), "\(spec.name)")
        }
    }

    /// The `model` command's help example, on the prepared session with the
    /// pretrained encoder loaded (issue 9).
    @Test(.enabled(if: InstalledModel.isAvailable, InstalledModel.missingReason))
    func modelHelpExampleRuns() throws {
        let folder = try AnalysisCommandTests.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let transcript = Transcript()
        let (session, _, setupErrors) = AnalysisCommandTests.run(AnalysisCommandTests.prepared, in: transcript)
        #expect(setupErrors.isEmpty)
        let example = try #require(CommandSpec.all.first { $0.name == "model" }).example
        let state = try HelpExample.run("model load \"\(InstalledModel.directory ?? "")\"", state: session.state, folder: folder)
        _ = try HelpExample.run(example, state: state, folder: folder)
    }

    @Test func analysisCommandsAreGroupedInHelp() {
        let names = CommandSpec.all.filter { $0.group == "analysis" }.map(\.name)
        #expect(names == ["explain", "entropy", "top", "heads", "compare", "cost", "stats", "export"])
        #expect(HelpText.overview.contains("analysis commands:"))
    }
}

/// Runs one help example on a copy of a prepared state, with relative paths
/// of commands resolved inside `folder` (so no test changes the process's
/// working folder).
enum HelpExample {
    static func run(_ example: String, state: SessionState, folder: String) throws -> SessionState {
        var parser = Parser(example)
        var interpreter = Interpreter(state: state)
        while let parsed = try parser.nextStatement() {
            var statement = parsed.statement
            if case .command(var invocation) = statement {
                for (key, values) in invocation.arguments {
                    invocation.arguments[key] = values.map { value in
                        // Only file names (with an extension) move: `embeddings off` stays a word.
                        if case .path(let path, let range) = value, !path.hasPrefix("/"), path.contains(".") {
                            return .path(folder + "/" + path, range)
                        }
                        return value
                    }
                }
                statement = .command(invocation)
            }
            try interpreter.execute(statement)
        }
        return interpreter.state
    }
}

/// Collects what an SVG document holds: element counts by class, the text
/// of text elements by class and by id, and the ids.
final class SVGReader: NSObject, XMLParserDelegate {
    var root: String?
    var classes: [String: Int] = [:]
    var texts: [String: [String]] = [:]
    var idTexts: [String: String] = [:]
    var ids: Set<String> = []
    private var currentClass: String?
    private var currentID: String?
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if root == nil { root = name }
        if let c = attributes["class"] { classes[c, default: 0] += 1 }
        if let id = attributes["id"] { ids.insert(id) }
        if name == "text" {
            currentClass = attributes["class"]
            currentID = attributes["id"]
            text = ""
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard name == "text" else { return }
        if let c = currentClass { texts[c, default: []].append(text) }
        if let id = currentID { idTexts[id] = text }
        currentClass = nil
        currentID = nil
    }
}
