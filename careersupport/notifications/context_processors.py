from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from .selectors import unread_count


def inbox(request) -> dict:
    """`inbox_unread` for the navigation: one indexed count, only when a page shows it."""
    me = getattr(request, "individual", None)
    if me is None:
        return {}
    return {"inbox_unread": SimpleLazyObject(lambda: unread_count(viewer=me))}
