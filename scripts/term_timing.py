#!/usr/bin/env python3
"""Times tally as a terminal sees it, without a terminal multiplexer in between.

tally runs on a pseudo-terminal of 120x40 that this script owns; everything it writes is fed to
pyte (a terminal emulator in Python), and a figure is the time from starting tally, or from
writing a key, to the arrival of the output after which the emulated screen first shows the
expected text. Each output chunk is stamped when it is read, before the emulator parses it, so
the emulator's own speed does not count.

Prints tab-separated rows: figure, tally's median (ms), the reference's median (ms) or "-".

    scripts/term_timing.py TALLY FILE ITEMS [RUNS]

Needs `pip install pyte`. Used by scripts/perf.sh; the file is changed (item 1's status).
"""

import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import termios
import time

import pyte

COLS, ROWS = 120, 40


class Session:
    """tally on a pseudo-terminal, with the screen it has drawn so far."""

    def __init__(self, argv, env):
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.started = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd = pid, fd

    def shown(self):
        buffer = self.screen.buffer
        return "\n".join(
            "".join(buffer[y][x].data for x in range(COLS)) for y in range(ROWS)
        )

    def _read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        chunk = os.read(self.fd, 1 << 16)
        stamp = time.monotonic()
        if b"\x1b[6n" in chunk:  # a cursor-position question: answer as a terminal would
            os.write(self.fd, b"\x1b[1;1R")
        self.stream.feed(chunk)
        return stamp

    def wait_for(self, text, timeout=120):
        """When the output that put `text` on the screen arrived."""
        stamp = time.monotonic()
        deadline = stamp + timeout
        while text not in self.shown():
            stamp = self._read(max(0.0, deadline - time.monotonic()))
            if stamp is None:
                sys.exit(f"timed out waiting for {text!r}; the screen:\n{self.shown()}")
        return stamp

    def wait_gone(self, text, timeout=120):
        deadline = time.monotonic() + timeout
        while text in self.shown():
            if self._read(max(0.0, deadline - time.monotonic())) is None:
                sys.exit(f"timed out waiting for {text!r} to go")

    def settle(self, quiet=0.3):
        """Reads until tally has written nothing for `quiet` seconds."""
        while self._read(quiet) is not None:
            pass

    def key(self, text):
        """Writes `text` as typed keys; returns when it was written."""
        stamp = time.monotonic()
        os.write(self.fd, text.encode())
        return stamp

    def quit(self):
        os.write(self.fd, b"q")
        os.waitpid(self.pid, 0)


def ms(start, end):
    return (end - start) * 1000


def median(values):
    return f"{statistics.median(values):.1f}"


def main():
    tally, path, items = sys.argv[1], sys.argv[2], sys.argv[3]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    name = os.path.basename(path)
    env = dict(os.environ, NO_COLOR="1", TERM="xterm-256color")
    subprocess.run([tally, "set", path, "1", "status=todo"], env=env, check=True,
                   stdout=subprocess.DEVNULL)

    firsts, lists = [], []
    for _ in range(runs):
        session = Session([tally, path], env)
        firsts.append(ms(session.started, session.wait_for(name)))
        lists.append(ms(session.started, session.wait_for("Items 1/")))
        session.settle()
        session.quit()
    print(f"first frame after start, ms ({items})\t{median(firsts)}\t-")
    print(f"list on screen after start, ms ({items})\t{median(lists)}\t-")

    session = Session([tally, path], env)
    session.wait_for("Items 1/")
    session.settle(1.0)
    # From an empty query (the footer says "N items") one character, until its count "K of N".
    session.key("/")
    session.wait_for(f"{items} items")
    searches = []
    for query in "外语标识北京会":
        session.settle()
        typed = session.key(query)
        searches.append(ms(typed, session.wait_for(f" of {items}")))
        session.key("\x7f")
        session.wait_for(f"{items} items")
    print(f"search keystroke -> results on screen, ms ({items})\t{median(searches)}\t15")
    session.key("\x1b")
    session.settle()

    # An edit to "saved" (the status picker open, then a status), each after a `dd` of the file
    # with fsync, the reference, so both meet the same disk and load.
    saves, copies = [], []
    copy = os.path.join(os.path.dirname(path), ".dd-reference")
    for run in range(max(runs, 5) * 2 - 1):
        started = time.monotonic()
        subprocess.run(["dd", f"if={path}", f"of={copy}", "bs=1M", "conv=fsync",
                        "status=none"], check=True)
        copies.append(ms(started, time.monotonic()))
        os.unlink(copy)
        session.settle()
        session.key("s")
        session.wait_gone("saved")
        session.settle()
        typed = session.key("o" if run % 2 == 0 else "t")
        saves.append(ms(typed, session.wait_for("saved")))
    print(f"edit -> saved vs dd conv=fsync, ms ({items})\t{median(saves)}\t{median(copies)}")
    session.settle()
    session.quit()


if __name__ == "__main__":
    main()
