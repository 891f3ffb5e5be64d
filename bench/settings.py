"""Production settings (config.settings) with the benchmark's trivial view added to the URLs."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The RSVP storm measures answering, not the abuse limit (members/ratelimit.py): each of its
# members answers far more often than the 30 an hour a person may.
RATE_LIMITS = {**RATE_LIMITS, "rsvp": (1_000_000, 60 * 60)}  # noqa: F405
