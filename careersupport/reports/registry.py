"""What each app contributes to surveys and reports, found in `<app>/reports.py`:

    SURVEY_SOURCES = [SurveySource(...), ...]   # what ended, so that its person is surveyed
    FIGURE_FAMILIES = [Family(...), ...]         # figures the nightly roll-up computes

as `notifications` finds `REMINDER_KINDS` in `<app>/reminders.py`. A source answers "who should
be surveyed about what" with a query or two per run; a family computes all its figures with one
query (`careersupport/reports/sql.py` builds the cube of totals), and the roll-up protects and
stores them. The report pages read only the stored figures.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from django.apps import apps

from careersupport.people.models import Employer

from .periods import Period
from .suppression import Coord, Split


@dataclass(frozen=True)
class SurveyDue:
    """One person to survey about one record of a source that ended for them."""

    person_id: int
    source_id: int
    subject: str  # an offering kind, or `models.LEAVE_RETURN`
    about: str  # what the survey is about, in the person's words ("Negotiation workshop")
    offering_id: int | None = None
    confidential: bool = False  # the news itself reveals something confidential: inbox only


@dataclass(frozen=True)
class SurveySource:
    key: str  # `<app>.<record>`, stored on each invitation
    label: str
    # (employer, since, today) -> who is due: what ended for them on a day from `since` on.
    due: Callable[[Employer, date, date], Iterable[SurveyDue]]


@dataclass(frozen=True)
class Measure:
    name: str
    label: str
    people: bool = True  # a count of people, protected by suppression; else a plain sum
    # For a plain sum (goals, sessions, ratings): the count of the people it is about. It is
    # hidden wherever that count is, so three people's twelve goals hide like the three.
    about: str = ""


@dataclass(frozen=True)
class Context:
    employer: Employer
    today: date
    periods: list[Period]


Cells = Mapping[Coord, Mapping[str, float]]


@dataclass(frozen=True)
class Family:
    """A set of figures computed together, with the splits whose parts are protected."""

    key: str
    label: str
    measures: tuple[Measure, ...]
    compute: Callable[[Context], Cells]
    splits: tuple[Split, ...] = ()
    # Which measures decide whether a row is listed at all (its group's size).
    size: str = ""
    notes: dict[str, str] = field(default_factory=dict)

    # For a family whose measures depend on the data (HR's own questions): which of the
    # measures found in the cells count people.
    people_in: Callable[[Cells], list[str]] | None = None
    # ... which of them are about which of those (`Measure.about`), and its splits.
    about_in: Callable[[Cells], dict[str, str]] | None = None
    splits_in: Callable[[Cells], tuple[Split, ...]] | None = None

    def people(self, cells: Cells) -> list[str]:
        if self.people_in is not None:
            return self.people_in(cells)
        return [m.name for m in self.measures if m.people]

    def splits_of(self, cells: Cells) -> tuple[Split, ...]:
        return self.splits_in(cells) if self.splits_in is not None else self.splits

    def about(self, cells: Cells) -> dict[str, str]:
        """Each measure that counts no one, and the count of the people it is about."""
        if self.about_in is not None:
            return self.about_in(cells)
        return {m.name: m.about for m in self.measures if m.about}

    def measure(self, name: str) -> Measure:
        return next(m for m in self.measures if m.name == name)


def _from_apps(name: str) -> list:
    """`name` from every installed app's `reports` module (this app's own: `figures`)."""
    found: list = []
    for config in apps.get_app_configs():
        module = f"{config.name}.figures" if config.label == "reports" else f"{config.name}.reports"
        if importlib.util.find_spec(module) is None:
            continue
        found.extend(getattr(importlib.import_module(module), name, []))
    return found


@cache
def survey_sources() -> dict[str, SurveySource]:
    return {source.key: source for source in _from_apps("SURVEY_SOURCES")}


@cache
def families() -> dict[str, Family]:
    return {family.key: family for family in _from_apps("FIGURE_FAMILIES")}
