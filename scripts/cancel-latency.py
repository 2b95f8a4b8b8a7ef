#!/usr/bin/env python3
"""Cancel latency of attnsh: milliseconds from Ctrl-C to the "cancelled" message.

Starts attnsh in a pseudo-terminal (100x30, TERM=xterm-256color), plain (--plain) or in panes,
sets up a layer and an input, types `run`, waits DELAY seconds, writes Ctrl-C (byte 3) to the
terminal as a keyboard would (the terminal driver turns it into SIGINT while a statement runs)
and times how long until the message "cancelled (Ctrl-C)" is written. Repeats RUNS times in one
session and prints each figure and the median.

    swift build -c release --product attnsh
    python3 scripts/cancel-latency.py .build/release/attnsh --mode plain --runs 7
    python3 scripts/cancel-latency.py .build/release/attnsh --mode panes --runs 7

A run that finishes before the Ctrl-C is reported and left out (raise T or lower --delay).
"""
import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import termios
import time

MESSAGE = b"cancelled (Ctrl-C)"


def read_until(fd, needle, timeout, buffer):
    """Reads from fd until needle is in buffer, or any byte for a nil needle; the time it
    arrived, or None at the timeout."""
    deadline = time.monotonic() + timeout
    while (not buffer[0]) if needle is None else (needle not in buffer[0]):
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return None
            if not chunk:
                return None
            buffer[0] += chunk
    return time.monotonic()


def drain(fd, seconds, buffer):
    """Reads whatever arrives for `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if ready:
            try:
                buffer[0] += os.read(fd, 65536)
            except OSError:
                return


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--mode", choices=["plain", "panes"], default="plain")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--tokens", type=int, default=4096)
    parser.add_argument("--d-model", type=int, default=1024)
    parser.add_argument("--heads", type=int, default=16)
    parser.add_argument("--delay", type=float, default=0.5, help="seconds from Enter to Ctrl-C")
    args = parser.parse_args()

    argv = [args.binary] + (["--plain"] if args.mode == "plain" else [])
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["HOME"] = os.environ.get("TMPDIR", "/tmp")
        os.execv(args.binary, argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    buffer = [b""]
    read_until(fd, b"> ", 10, buffer)
    setup = [f"mha d_model={args.d_model} heads={args.heads}",
             f"X = randn({args.tokens}, {args.d_model}, seed=1)", "echo SETUP_DONE"]
    for line in setup:
        os.write(fd, line.encode() + b"\r")
        time.sleep(0.2)
    read_until(fd, b"SETUP_DONE\r\n" if args.mode == "plain" else b"SETUP_DONE ", 60, buffer)
    drain(fd, 0.5, buffer)

    figures = []
    for run in range(args.runs):
        buffer = [b""]
        os.write(fd, b"run\r")
        # Read (and drop) the echo of `run` while waiting, so what comes after Ctrl-C is the answer.
        drain(fd, args.delay, buffer)
        buffer = [b""]
        pressed = time.monotonic()
        os.write(fd, b"\x03")
        # The panes draw nothing while a statement runs and redraw once it ends; curses then
        # writes only the cells that changed, which after the first run are not the message
        # (the same lines at the same places), so the first byte written is the figure there.
        arrived = read_until(fd, MESSAGE if args.mode == "plain" else None, 30, buffer)
        drain(fd, 0.5, buffer)
        if arrived is None or b"ran " in buffer[0]:
            print(f"run {run + 1}: no cancellation (the run finished first?)")
        else:
            figures.append((arrived - pressed) * 1000)
            seen = "" if MESSAGE in buffer[0] or run > 0 else " (message not seen)"
            print(f"run {run + 1}: {figures[-1]:.1f} ms{seen}")
    os.write(fd, b"\x04")
    os.close(fd)
    os.waitpid(pid, 0)
    if figures:
        print(f"{args.mode} T={args.tokens} D={args.d_model} H={args.heads}: "
              f"median {statistics.median(figures):.1f} ms over {len(figures)} runs "
              f"(min {min(figures):.1f}, max {max(figures):.1f})")


if __name__ == "__main__":
    main()
