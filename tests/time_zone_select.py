"""Reads a page's time zone <select> as a member's browser would show it."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class ZoneOption:
    group: str
    value: str
    label: str
    selected: bool


@dataclass
class ZoneSelect:
    attrs: dict[str, str | None] = field(default_factory=dict)
    groups: list[str] = field(default_factory=list)
    options: list[ZoneOption] = field(default_factory=list)

    @property
    def selected(self) -> ZoneOption:
        chosen = [option for option in self.options if option.selected]
        assert len(chosen) == 1, f"{len(chosen)} options selected"
        return chosen[0]

    def option(self, value: str) -> ZoneOption:
        return next(option for option in self.options if option.value == value)


class _ZoneSelectParser(HTMLParser):
    def __init__(self, name: str):
        super().__init__()
        self.name, self.found, self.inside, self.group = name, None, False, ""
        self.current: ZoneOption | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "select" and values.get("name") == self.name:
            self.found, self.inside = ZoneSelect(attrs=values), True
        elif self.inside and tag == "optgroup":
            self.group = values.get("label") or ""
            self.found.groups.append(self.group)
        elif self.inside and tag == "option":
            self.current = ZoneOption(self.group, values["value"], "", "selected" in values)
            self.found.options.append(self.current)

    def handle_data(self, data):
        if self.current is not None:
            self.current.label += data

    def handle_endtag(self, tag):
        if tag == "option":
            self.current = None
        elif tag == "select":
            self.inside = False


def zone_select(html: str, name: str = "time_zone") -> ZoneSelect:
    parser = _ZoneSelectParser(name)
    parser.feed(html)
    assert parser.found is not None, f"no <select name={name}>"
    return parser.found
