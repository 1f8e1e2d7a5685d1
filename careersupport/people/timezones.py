"""The time zones a person or a session may have, and the check that a stored one loads.

The list comes from the `tzdata` package (a declared dependency, pinned by the lock file),
not from the host's tz database: `zoneinfo.available_timezones()` differs from machine to
machine (Debian adds `localtime`, macOS and a bare container have other sets), and a name
that loads here may not load on the next host. Every zone in `tzdata` loads wherever it is
installed, because `zoneinfo` falls back to it when the host has no such file.

The list is kept out of model fields (`choices` would freeze it into migrations) and computed
once per process: the CSV import checks thousands of rows against `ZONES`.
"""

from __future__ import annotations

import zoneinfo
from functools import cache
from importlib import resources

from django.core.exceptions import ValidationError

# In tzdata, but not places: a "zone" for machines with no zone configured, and copies of
# the default rules that some hosts carry. Nobody should pick them.
EXCLUDED = frozenset({"Factory", "localtime", "posixrules"})


def _tzdata_zones() -> frozenset[str]:
    names = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split()
    return frozenset(names) - EXCLUDED


ZONES: frozenset[str] = _tzdata_zones()


def is_valid_zone(name: str) -> bool:
    """True for a zone of the list, which therefore loads on any host."""
    return name in ZONES


def validate_time_zone(value: str) -> None:
    """Model and form validator: the name is one of `ZONES`."""
    if not is_valid_zone(value):
        raise ValidationError(
            "'%(value)s' is not a time zone (e.g. Europe/Paris).",
            code="invalid_time_zone",
            params={"value": value},
        )


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    """(name, label) for a form's select, sorted by name."""
    return [(name, name.replace("_", " ")) for name in sorted(ZONES)]


def zone_or_utc(name: str) -> zoneinfo.ZoneInfo:
    """The zone of a stored name; UTC when it does not load on this host (a row written
    before the validator, or by hand), so that one bad row cannot break every page."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")
