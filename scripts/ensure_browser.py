#!/usr/bin/env python
"""Make sure Debian's Chromium is installed for the browser tests (Playwright drives it).

Installs the `chromium` package when /usr/bin/chromium is missing and we run as root; otherwise
says what to do. It never downloads a browser of its own.
"""

import os
import shutil
import subprocess
import sys

CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    if os.path.exists(CHROMIUM):
        return 0
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        print(f"{CHROMIUM} is missing: install Debian's chromium package.", file=sys.stderr)
        return 1
    print("[ensure_browser] installing Debian's chromium package", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-q", "chromium"], check=True, env=env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
