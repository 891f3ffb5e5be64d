#!/usr/bin/env python
"""Make sure the Debian packages that the tests and benchmarks drive are installed.

    ensure_packages.py chromium libical nginx    (make test)
    ensure_packages.py wrk                       (make bench)

Each tool is looked for first; whatever is missing is installed with apt-get when we run as
root, otherwise the script names the packages to install and fails. Nothing comes from outside
Debian's archive (Playwright never downloads a browser of its own). Services a package ships
(nginx's) are not started: while installing, Debian's policy-rc.d hook (invoke-rc.d(8)) refuses
them, so nothing takes port 80. The tests start private processes of their own.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

# libical is called from Debian's own Python through GObject introspection (tests/libical_check.py).
LIBICAL_PROBE = (
    "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib"
)


def _libical_present() -> bool:
    if not os.path.exists("/usr/bin/python3"):
        return False
    probe = subprocess.run(["/usr/bin/python3", "-c", LIBICAL_PROBE], capture_output=True)
    return probe.returncode == 0


# tool → (Debian packages, whether it is there)
TOOLS = {
    "chromium": (["chromium"], lambda: os.path.exists("/usr/bin/chromium")),
    "libical": (["python3", "python3-gi", "gir1.2-ical-3.0"], _libical_present),
    "nginx": (["nginx"], lambda: os.path.exists("/usr/sbin/nginx")),
    "wrk": (["wrk"], lambda: shutil.which("wrk") is not None),
}
POLICY = Path("/usr/sbin/policy-rc.d")
REFUSE_SERVICE_STARTS = "#!/bin/sh\n# Written by Tadamun's scripts/ensure_packages.py.\nexit 101\n"


def _apt_install(packages: list[str]) -> None:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    ours = not POLICY.exists()
    if ours:
        POLICY.write_text(REFUSE_SERVICE_STARTS)
        POLICY.chmod(0o755)
    try:
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-q", *packages], check=True, env=env)
    finally:
        if ours:
            POLICY.unlink()


def main(tools: list[str]) -> int:
    unknown = [tool for tool in tools if tool not in TOOLS]
    if unknown:
        print(f"unknown tool(s): {', '.join(unknown)}; known: {', '.join(TOOLS)}", file=sys.stderr)
        return 2
    missing = [tool for tool in tools if not TOOLS[tool][1]()]
    if not missing:
        return 0
    packages = [package for tool in missing for package in TOOLS[tool][0]]
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        print(f"missing: install Debian's {' '.join(packages)}", file=sys.stderr)
        return 1
    print(f"[ensure_packages] installing Debian's {' '.join(packages)}", file=sys.stderr)
    _apt_install(packages)
    still = [tool for tool in missing if not TOOLS[tool][1]()]
    if still:
        print(f"still missing after installing: {', '.join(still)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
