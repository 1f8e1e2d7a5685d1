"""Pages of /team/ found without counting the whole list: a manager's chain can hold thousands
of people, and counting them costs as much as the page itself."""

from __future__ import annotations

from dataclasses import dataclass

MAX_PAGE = 100_000


@dataclass
class WindowPage:
    object_list: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def window_page(request, queryset, per_page: int = 25) -> WindowPage:
    """One row more than shown tells whether another page follows."""
    try:
        # Clamped: a huge page number would overflow the database's OFFSET (a 500).
        number = min(max(int(request.GET.get("page", 1)), 1), MAX_PAGE)
    except ValueError:
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return WindowPage(object_list=rows[:per_page], number=number, has_next=len(rows) > per_page)
