"""Check-in codes: read aloud at the door, typed by an organizer, scanned from a QR code.

New codes use Crockford's base32 alphabet (https://www.crockford.com/base32.html): digits and
capital letters without I, L, O and U, so that no two characters look or sound alike (0 and O,
1, I and l). Twenty characters carry 100 random bits, more than the 96 of the earlier
`secrets.token_urlsafe(12)` codes, shown in five groups of four (`7KQ2-…`) to read aloud.

What an organizer types is read as Crockford does: any case, spaces and hyphens anywhere, O as
0, I and L as 1. Codes made before (URL-safe base64, where case and 0/O matter) keep working
exactly as written.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 5
GROUP_LENGTH = 4
RANDOM_BITS = GROUPS * GROUP_LENGTH * 5  # 100: each character is one of 32
LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]+")


def new_checkin_code() -> str:
    characters = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return _grouped(characters)


def checkin_code_candidates(typed: str) -> set[str]:
    """The stored codes `typed` can mean: itself as written (a code of the earlier kind), and
    the code of the current kind it reads as, if it reads as one."""
    typed = typed.strip()
    candidates = {typed} if typed else set()
    characters = _SEPARATORS.sub("", typed).upper().translate(LOOK_ALIKES)
    if len(characters) == GROUPS * GROUP_LENGTH and all(c in ALPHABET for c in characters):
        candidates.add(_grouped(characters))
    return candidates


def _grouped(characters: str) -> str:
    return "-".join(
        characters[start : start + GROUP_LENGTH]
        for start in range(0, len(characters), GROUP_LENGTH)
    )
