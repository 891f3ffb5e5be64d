#!/usr/bin/env python
"""Make sure libical can be called from Debian's python3 for the calendar tests.

tests/libical_check.py checks every calendar the product writes with libical's restriction
check, run by /usr/bin/python3 with Debian's gir1.2-ical-3.0 and python3-gi. Installs those
packages when they are missing and we run as root; otherwise says what to do.
"""

import os
import shutil
import subprocess
import sys

SYSTEM_PYTHON = "/usr/bin/python3"
PROBE = "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib"
PACKAGES = ["python3", "python3-gi", "gir1.2-ical-3.0"]


def _available() -> bool:
    if not os.path.exists(SYSTEM_PYTHON):
        return False
    probe = subprocess.run([SYSTEM_PYTHON, "-c", PROBE], capture_output=True, check=False)
    return probe.returncode == 0


def main() -> int:
    if _available():
        return 0
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        print(
            f"libical is missing: install Debian's {', '.join(PACKAGES)} packages.",
            file=sys.stderr,
        )
        return 1
    print("[ensure_libical] installing Debian's " + " ".join(PACKAGES), file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-q", *PACKAGES], check=True, env=env)
    return 0 if _available() else 1


if __name__ == "__main__":
    sys.exit(main())
