from django.core.exceptions import BadRequest
from django.http import QueryDict

from members.digits import normalise_digits


def query_flag(query: QueryDict, name: str) -> bool:
    """An on/off option in a feed address: absent, "0" or "1" (in any digits); else a 400."""
    value = normalise_digits(query.get(name, "0"))
    if value not in ("0", "1"):
        raise BadRequest(f"{name} must be 0 or 1")
    return value == "1"
