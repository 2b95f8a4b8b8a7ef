#!/usr/bin/env python3
"""attnsh, numpy and torch on the forward pass of issue 18's four cases, in one run.

Each round runs, for every case, `attnsh bench`, bench/attention_numpy.py and (when torch
imports) bench/attention_torch.py back to back, so the three see the same load. After the
rounds it prints, per case, the median over rounds of each program's median milliseconds,
the ratios attnsh / numpy and attnsh / torch, and attnsh's own figures from its last round
(per-run system time and page faults, the sgemm-bound time and the pass's share of it).

    python3 bench/compare.py --attnsh .build/release/attnsh [--rounds 3] [--cases 0,1,2,3]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

CASES = [
    # Many runs of the small cases, so each program's median spans some tenths of a second of the
    # host's load rather than a moment of it.
    (["--seq", "128", "--d-model", "128", "--heads", "4"], 1000),
    (["--seq", "512", "--d-model", "512", "--heads", "8"], 60),
    (["--seq", "2048", "--d-model", "512", "--heads", "8", "--causal"], 7),
    (["--seq", "4096", "--d-model", "1024", "--heads", "16"], 3),
]
HERE = os.path.dirname(os.path.abspath(__file__))


def run(command):
    """The output of `command`, which must succeed."""
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def median_ms(output):
    """The `median X ms` figure of a bench script's output."""
    found = re.search(r"median ([0-9.]+) ms", output)
    if not found:
        sys.exit(f"no median in: {output}")
    return float(found.group(1))


def torch_available():
    return subprocess.run([sys.executable, "-c", "import torch"], capture_output=True).returncode == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attnsh", required=True, help="the attnsh binary (a release build)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cases", default="0,1,2,3", help="which cases, by index")
    args = parser.parse_args()
    cases = [CASES[int(i)] for i in args.cases.split(",")]
    programs = {"attnsh": lambda o, n: [args.attnsh, "bench", *o, "--repeat", str(n)],
                "numpy": lambda o, n: [sys.executable, os.path.join(HERE, "attention_numpy.py"), *o, "--repeat", str(n)]}
    if torch_available():
        programs["torch"] = lambda o, n: [sys.executable, os.path.join(HERE, "attention_torch.py"), *o, "--repeat", str(n)]
    else:
        print("torch does not import: comparing with numpy only")
    medians = {(i, name): [] for i in range(len(cases)) for name in programs}
    last = {}
    for round_number in range(args.rounds):
        for i, (options, repeats) in enumerate(cases):
            for name, command in programs.items():
                output = run(command(options, repeats))
                medians[(i, name)].append(median_ms(output))
                if name == "attnsh":
                    last[i] = output
            print(f"round {round_number + 1} case {' '.join(options)}: "
                  + "  ".join(f"{n} {medians[(i, n)][-1]:.3f} ms" for n in programs), flush=True)
    print()
    print("| case | " + " | ".join(f"{n} ms" for n in programs) + " | attnsh/numpy | "
          + ("attnsh/torch |" if "torch" in programs else ""))
    print("|---" * (len(programs) + 2 + ("torch" in programs)) + "|")
    for i, (options, _) in enumerate(cases):
        m = {n: statistics.median(medians[(i, n)]) for n in programs}
        row = f"| {' '.join(options)} | " + " | ".join(f"{m[n]:.3f}" for n in programs)
        row += f" | {m['attnsh'] / m['numpy']:.2f}"
        if "torch" in programs:
            row += f" | {m['attnsh'] / m['torch']:.2f}"
        print(row + " |")
    print()
    for i, (options, _) in enumerate(cases):
        print(f"attnsh, last round, {' '.join(options)}:")
        for line in last[i].strip().splitlines()[1:]:
            print("    " + line)


if __name__ == "__main__":
    main()
