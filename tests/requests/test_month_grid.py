"""The team month view's grid is built in Python: every value from a person or HR (names,
holiday names) is escaped, and each day's cell says what it is."""

from datetime import date
from types import SimpleNamespace

from careersupport.requests.templatetags.requests_tags import month_grid

FIRST, LAST = date(2027, 3, 1), date(2027, 3, 7)  # Monday to Sunday


def grid(name="Eli", holiday="Founders' day", away=None) -> str:
    person = SimpleNamespace(pk=1, full_name=name)
    return str(month_grid([person], {1: away or []}, {date(2027, 3, 3): holiday}, FIRST, LAST))


def test_names_and_holidays_are_escaped():
    html = grid(name="<b>Eli</b>", holiday='<script>alert("x")</script>')
    assert "<b>" not in html and "&lt;b&gt;Eli&lt;/b&gt;" in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_each_day_says_what_it_is():
    html = grid(away=[(date(2027, 3, 1), date(2027, 3, 2), False, True)])
    cells = html.split("<tbody>", 1)[1].split("<td")[1:]
    kinds = [c.split(">", 1)[0] for c in cells]
    assert kinds == [
        ' class="cal-away"',  # Monday: on leave
        ' class="cal-away"',  # Tuesday: the last day, a half day
        ' class="cal-holiday"',  # Wednesday: a public holiday
        "",  # Thursday
        "",  # Friday
        ' class="cal-weekend"',
        ' class="cal-weekend"',
    ]
    assert 'title="leave, half day"' in cells[1] and 'title="Founders&#x27; day"' in cells[2]
