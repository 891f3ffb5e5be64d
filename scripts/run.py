#!/usr/bin/env python
"""`make run`'s processes (Procfile.dev: web server, Celery worker, Celery beat) in one terminal.

Each line a process writes is printed once, after the time and the process's name, as honcho
prints them. Ctrl-C (or SIGTERM) asks each process to stop the way it stops cleanly, without
the noise a signal to all of its children makes (tracebacks, "KeyboardInterrupt", Celery's
"ForkPoolWorker exited with signal 15"), waits for them and exits with status 0, so that make
reports no error either. A process that ends by itself stops the others; the status is then 1.

Usage: scripts/run.py [PROCFILE]   (default Procfile.dev, next to this folder)
"""

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Each process is asked in its main process only. runserver takes SIGINT: its autoreloader ends
# the server it started without a word, also one that is still starting after a change of
# code (a SIGINT there too would print a KeyboardInterrupt traceback). A Celery worker or beat
# takes SIGTERM, which stops a worker's pool after the task at hand ("warm shutdown"); its
# pool processes, signalled themselves, would each be reported as an error.
STOP_SIGNALS = {"web": signal.SIGINT}
WAIT_SECONDS = 20
_print_lock = threading.Lock()


def processes(procfile: Path) -> list[tuple[str, str]]:
    """(name, command) for each `name: command` line."""
    entries = []
    for line in procfile.read_text().splitlines():
        name, colon, command = line.partition(":")
        if colon and name.strip() and not line.lstrip().startswith("#"):
            entries.append((name.strip(), command.strip()))
    return entries


def say(name: str, width: int, text: str) -> None:
    with _print_lock:
        sys.stdout.write(f"{time.strftime('%H:%M:%S')} {name.ljust(width)} | {text}\n")
        sys.stdout.flush()


def relay(name: str, width: int, stream) -> None:
    for raw in iter(stream.readline, b""):
        text = raw.decode("utf-8", "replace").rstrip()
        if text:  # blank lines (banners' spacing) say nothing
            say(name, width, text)


def stop(name: str, process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):  # it ended just now
        process.send_signal(STOP_SIGNALS.get(name, signal.SIGTERM))


def main() -> int:
    procfile = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "Procfile.dev"
    entries = processes(procfile)
    width = max(len(name) for name, _command in entries)
    stopping = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    running: dict[str, subprocess.Popen] = {}
    relays = []
    for name, command in entries:
        process = subprocess.Popen(
            ["/bin/sh", "-c", f"exec {command}"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            # Its own process group: a Ctrl-C in the terminal reaches this script only, which
            # then stops each process as it should be stopped.
            start_new_session=True,
        )
        running[name] = process
        thread = threading.Thread(target=relay, args=(name, width, process.stdout), daemon=True)
        thread.start()
        relays.append(thread)

    ended_by_itself = None
    while not stopping.is_set():
        ended = [name for name, process in running.items() if process.poll() is not None]
        if ended:
            ended_by_itself = ended[0]
            break
        stopping.wait(0.2)

    if ended_by_itself:
        code = running[ended_by_itself].returncode
        say("run", width, f"{ended_by_itself} ended (status {code}): stopping the others.")
    for name, process in running.items():
        stop(name, process)
    deadline = time.monotonic() + WAIT_SECONDS
    for process in running.values():
        try:
            process.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    for thread in relays:
        thread.join(timeout=2)
    return 1 if ended_by_itself else 0


if __name__ == "__main__":
    sys.exit(main())
