"""The registry of reminder kinds and of the shape of their keys. Each app lists its own in
`<app>/reminders.py`:

    REMINDER_KINDS = {"goals.checkin_due": "A goal check-in is due", ...}
    REMINDER_KEYS = {"goals.checkin_due": OCCURRENCE_DATE, ...}   # see keys.py

Preferences are per kind, so every kind that is scheduled must be registered.
"""

from __future__ import annotations

import re
from functools import cache

from django.apps import apps
from django.utils.module_loading import import_string

from .keys import generic_key_pattern, key_pattern


def _from_apps(name: str) -> dict:
    found: dict = {}
    for config in apps.get_app_configs():
        try:
            found.update(import_string(f"{config.name}.reminders.{name}"))
        except ImportError:
            continue
    return found


@cache
def registered_kinds() -> dict[str, str]:
    return _from_apps("REMINDER_KINDS")


@cache
def registered_key_patterns() -> dict[str, re.Pattern]:
    """Each kind's key shape as its app registered it in `REMINDER_KEYS`."""
    return {kind: key_pattern(kind, shape) for kind, shape in _from_apps("REMINDER_KEYS").items()}


def key_matches_kind(key: str, kind: str) -> bool:
    """Whether `key` has the shape registered for `kind` (the generic one when none is)."""
    pattern = registered_key_patterns().get(kind) or generic_key_pattern(kind)
    return pattern.fullmatch(key) is not None
