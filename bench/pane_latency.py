#!/usr/bin/env python3
"""The pane UI's latency at several sizes, next to `attnsh bench` of the same case (issue 14).

For each T it starts the release build in a private tmux server (100x30, TERM=xterm-256color)
and measures, polling `capture-pane` every few milliseconds:

- run:    Enter on `run X` until the screen shows `ran N stages` (the log line and the grid are
          drawn together, after the redraw: this is "until the prompt is back"); `--runs` times,
          the median (the first run of a process also pays for faulting in fresh memory, which
          `attnsh bench` leaves to its warm-up run);
- echo:   Enter on `echo MARK` afterwards until MARK is in the log;
- key:    per cursor key in the panes (Esc, then `l` / Tab), from send-keys until the inspector
          shows the new cell; the median and the maximum over the keys, Tab visiting every head;
- zoom:   `-` in the panes until the screen changes (zoomed out, a new block view: one pass
          over the whole grid tensor);
- peak:   attnsh's peak resident memory (VmHWM) after the first run and the keys;
- cancel: optionally (--cancel), Ctrl-C 0.3 s into a second `run`, until `cancelled` shows.

and runs `attnsh bench --seq T --d-model D --heads H --repeat N` in the same round, printing its
median and peak. The times include tmux's own round trip (send-keys + capture-pane, a few ms);
the script prints that round trip too (`tmux rtt`) so the figures can be read against it.

    swift build -c release --scratch-path .build-release
    python3 bench/pane_latency.py [--binary .build-release/release/attnsh] [--seqs 8,512,1024,4096]
"""
import argparse
import os
import re
import statistics
import subprocess
import tempfile
import time

INSPECTOR = re.compile(r'head (\d+) \S (?:query )?"[^"]*" \((\d+)\) \S+ (?:key )?"[^"]*" \((\d+)\)')


class Pane:
    """attnsh in its own tmux server."""

    def __init__(self, binary, width=100, height=30):
        self.socket = f"attnsh-pane-bench-{os.getpid()}-{time.monotonic_ns()}"
        self.home = tempfile.mkdtemp(prefix="attnsh-pane-bench-")
        self.pidfile = os.path.join(self.home, "pid")
        env = f"env -i PATH=/usr/bin:/bin HOME={self.home} TERM=xterm-256color LANG=C.UTF-8"
        script = f"echo $$ > {self.pidfile}; exec {binary}"
        self.tmux("new-session", "-d", "-s", "bench", "-x", str(width), "-y", str(height),
                  f"{env} sh -c '{script}'")

    def tmux(self, *args):
        return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args],
                              check=True, capture_output=True, text=True).stdout

    def screen(self):
        return self.tmux("capture-pane", "-p", "-t", "bench")

    def keys(self, *keys):
        self.tmux("send-keys", "-t", "bench", *keys)

    def type(self, text):
        self.tmux("send-keys", "-t", "bench", "-l", text)

    def wait(self, condition, timeout=120, poll=0.002):
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if condition(screen):
                return time.monotonic(), screen
            if time.monotonic() > deadline:
                raise SystemExit("timed out; last screen:\n" + screen)
            time.sleep(poll)

    def enter(self, line, until, timeout=300):
        """Types `line`, presses Enter and waits for `until(screen)`; the seconds from Enter."""
        self.type(line)
        start = time.monotonic()
        self.keys("Enter")
        end, _ = self.wait(until, timeout)
        return end - start

    def peak_mib(self):
        with open(f"/proc/{int(open(self.pidfile).read())}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def close(self):
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def inspector_cell(screen):
    match = INSPECTOR.search(screen)
    return tuple(int(x) for x in match.groups()) if match else None


def log_line(marker):
    return lambda s: any(line.startswith("│ " + marker + " ") or line.strip("│ ") == marker
                         for line in s.splitlines())


def ran_after(screen, marker):
    """Whether the log shows `ran 11 stages` below the line `marker`."""
    lines = screen.splitlines()
    marks = [i for i, line in enumerate(lines) if marker in line]
    return bool(marks) and any("ran 11 stages" in line for line in lines[marks[-1] + 1:])


def pane_case(binary, seq, d_model, heads, keys, cancel, runs_wanted):
    pane = Pane(binary)
    try:
        pane.wait(lambda s: "attnsh>" in s, 30)
        for line in [f"mha attn d_model={d_model} heads={heads}", f"X = randn({seq}, {d_model}, seed=0)"]:
            pane.type(line)
            pane.keys("Enter")
        pane.enter("echo READY", log_line("READY"))
        # tmux's own round trip: a key that changes nothing visible, then one capture.
        start = time.monotonic()
        pane.type("")
        pane.screen()
        rtt = time.monotonic() - start
        def timed_run(index):
            marker = f"BEFORE_RUN_{index}"
            pane.enter(f"echo {marker}", log_line(marker))
            return pane.enter("run X", lambda s: ran_after(s, marker))

        runs = [timed_run(0)]
        echo = pane.enter("echo AFTER_RUN", log_line("AFTER_RUN"))
        pane.keys("Escape")
        pane.wait(lambda s: "panes:" in s, 10)
        times = []
        cell = inspector_cell(pane.screen())
        steps = min(keys, seq - 1)  # each `l` and `j` must move the cursor
        moves = ["l"] * steps + ["j"] * steps + ["Tab"] * heads
        for key in moves:
            start = time.monotonic()
            pane.keys(key)
            end, screen = pane.wait(lambda s: inspector_cell(s) not in (None, cell), 30, poll=0.001)
            cell = inspector_cell(screen)
            times.append(end - start)
        before = pane.screen()
        start = time.monotonic()
        pane.keys("-")
        end, _ = pane.wait(lambda s: s != before, 60, poll=0.001)
        zoom = end - start
        # The peak of one run and the keys; later runs hold the old trace while the new one is
        # computed (the statement's state copy), which is not what the target measures.
        peak = pane.peak_mib()
        pane.keys("i")
        for index in range(1, runs_wanted):
            runs.append(timed_run(index))
        run = statistics.median(runs)
        cancelled = None
        if cancel and seq >= 2048:
            pane.type("run X")
            pane.keys("Enter")
            time.sleep(0.3)
            start = time.monotonic()
            pane.keys("C-c")
            end, _ = pane.wait(lambda s: "cancelled (Ctrl-C)" in s, 60, poll=0.001)
            cancelled = end - start
        return dict(run=run, echo=echo, key_median=statistics.median(times), key_max=max(times),
                    keys=len(times), peak=peak, rtt=rtt, cancel=cancelled, zoom=zoom, runs=runs)
    finally:
        pane.close()


def bench_case(binary, seq, d_model, heads, repeat):
    out = subprocess.run([binary, "bench", "--seq", str(seq), "--d-model", str(d_model), "--heads", str(heads),
                          "--repeat", str(repeat)], check=True, capture_output=True, text=True).stdout
    median = re.search(r"median\D*([\d.]+)", out)
    peak = re.search(r"peak\D*([\d.]+)", out)
    return (float(median.group(1)) if median else float("nan"),
            float(peak.group(1)) if peak else float("nan"), out.strip())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build-release/release/attnsh")
    parser.add_argument("--seqs", default="8,512,1024,4096")
    parser.add_argument("--d-model", type=int, default=1024)
    parser.add_argument("--heads", type=int, default=16)
    parser.add_argument("--keys", type=int, default=8, help="l and j presses each (Tab visits every head)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of attnsh bench")
    parser.add_argument("--runs", type=int, default=3, help="`run X` in the panes, median taken")
    parser.add_argument("--cancel", action="store_true", help="also Ctrl-C 0.3 s into another run (T >= 2048, where a run outlasts 0.3 s)")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    print(f"load average before: {os.getloadavg()}")
    print("| T, D, H | bench median ms | bench peak MiB | run→prompt ms | ratio | echo ms | key median ms | "
          "key max ms | zoom key ms | peak RSS MiB | Ctrl-C→prompt ms | tmux rtt ms | each run ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for seq in [int(s) for s in args.seqs.split(",")]:
        d_model, heads = (args.d_model, args.heads) if seq >= 64 else (16, 2)
        median, bench_peak, _ = bench_case(binary, seq, d_model, heads, args.repeat)
        pane = pane_case(binary, seq, d_model, heads, args.keys, args.cancel, args.runs)
        cancel = f"{pane['cancel'] * 1000:.0f}" if pane["cancel"] is not None else "-"
        print(f"| {seq}, {d_model}, {heads} | {median:.1f} | {bench_peak:.0f} | {pane['run'] * 1000:.0f} | "
              f"{pane['run'] * 1000 / median:.2f} | {pane['echo'] * 1000:.1f} | {pane['key_median'] * 1000:.1f} | "
              f"{pane['key_max'] * 1000:.1f} | {pane['zoom'] * 1000:.0f} | {pane['peak']:.0f} | {cancel} | "
              f"{pane['rtt'] * 1000:.1f} | {' · '.join(f'{r * 1000:.0f}' for r in pane['runs'])} |", flush=True)
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
