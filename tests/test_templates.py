"""Templates compare statuses and kinds with the models' enums (from the `choices` context
processor), never with a spelled-out stored value, and every enum member they name exists."""

import re
from pathlib import Path

from django.conf import settings

from careersupport.context_processors import choices

TEMPLATES = Path(settings.BASE_DIR) / "templates"
SPELLED = re.compile(r"\.(status|kind|handoff_status|my_booking_status)\s*[!=]=\s*[\"']")


def _templates():
    return sorted(TEMPLATES.rglob("*.html"))


def test_no_template_spells_out_a_status_or_a_kind():
    spelled = [
        f"{path.relative_to(TEMPLATES)}:{n}"
        for path in _templates()
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if SPELLED.search(line)
    ]
    assert spelled == []


def test_every_enum_member_a_template_names_exists():
    enums = choices(None)
    named = re.compile(rf"\b({'|'.join(enums)})\.(\w+)")
    unknown = [
        f"{path.relative_to(TEMPLATES)}: {enum}.{member}"
        for path in _templates()
        for enum, member in named.findall(path.read_text())
        if member not in enums[enum].__members__
    ]
    assert unknown == []


def test_every_table_sits_in_a_box_that_scrolls_on_a_phone():
    """A table wider than 390 px scrolls inside its `.table-wrap`, never the page."""
    bare = [
        f"{path.relative_to(TEMPLATES)}:{text[: m.start()].count(chr(10)) + 1}"
        for path in _templates()
        for text in [path.read_text()]
        for m in re.finditer(r"<table\b", text)
        if "table-wrap" not in text[max(0, m.start() - 200) : m.start()]
    ]
    assert bare == []
