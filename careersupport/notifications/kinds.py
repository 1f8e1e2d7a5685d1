"""The registry of reminder kinds. Each app lists its own in `<app>/reminders.py`:

    REMINDER_KINDS = {"goals.checkin_due": "A goal check-in is due", ...}

Preferences are per kind, so every kind that is scheduled must be registered.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.utils.module_loading import import_string


@cache
def registered_kinds() -> dict[str, str]:
    kinds: dict[str, str] = {}
    for config in apps.get_app_configs():
        try:
            module_kinds = import_string(f"{config.name}.reminders.REMINDER_KINDS")
        except ImportError:
            continue
        kinds.update(module_kinds)
    return kinds
