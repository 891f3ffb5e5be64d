"""Log filters: no client address in a log line (docs/PRIVACY.md)."""

import ipaddress
import logging


def _is_address(value: object) -> bool:
    """An IP address, or a socket address (host, port[, …]) whose host is one."""
    if isinstance(value, tuple) and value:
        value = value[0]
    if not isinstance(value, str):
        return False
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


class WithoutClientAddress(logging.Filter):
    """Writes "-" for each argument of a log line that is an address, as in runserver's
    "- Broken pipe from ('203.0.113.7', 51234)". Only arguments: a server's address written
    into a message ("Connected to redis://…") says nothing about a visitor."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple("-" if _is_address(arg) else arg for arg in record.args)
        return True
