"""A small server-rendered SVG line chart: nothing loaded from elsewhere, no JavaScript."""

from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT, MARGIN = 600, 200, 30


@dataclass(frozen=True)
class LineChart:
    points: str  # "x,y x,y …" for an SVG polyline
    max_value: int
    first_day: date | None
    last_day: date | None
    width: int = WIDTH
    height: int = HEIGHT
    margin: int = MARGIN

    @property
    def baseline(self) -> int:
        return self.height - self.margin


def cumulative_chart(per_day: list[dict]) -> LineChart:
    """Registrations over time: the running total after each day that had any."""
    if not per_day:
        return LineChart(points="", max_value=0, first_day=None, last_day=None)
    totals, running = [], 0
    for row in per_day:
        running += row["n"]
        totals.append((row["day"], running))
    first, last = totals[0][0], totals[-1][0]
    span = max((last - first).days, 1)
    plot_width, plot_height = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    coordinates = []
    for day, total in totals:
        x = MARGIN + plot_width * (day - first).days / span
        y = HEIGHT - MARGIN - plot_height * total / running
        coordinates.append(f"{x:.1f},{y:.1f}")
    if len(coordinates) == 1:
        coordinates.insert(0, f"{MARGIN},{HEIGHT - MARGIN}")
    return LineChart(
        points=" ".join(coordinates), max_value=running, first_day=first, last_day=last
    )
