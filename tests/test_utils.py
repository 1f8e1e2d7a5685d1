"""Shared helpers of careersupport/utils.py: QuickSelect (the fast <select>) and RowUrls."""

import pytest
from django.urls import reverse

from careersupport.utils import QuickSelect, RowUrls

SCRIPT = "<script>alert(1)</script>"


def test_quick_select_marks_the_chosen_option_and_escapes_values_labels_and_attributes():
    widget = QuickSelect(choices=[("UTC", "UTC"), (f'a"{SCRIPT}', f"{SCRIPT} label")])
    html = widget.render("time_zone", "UTC", attrs={"id": f'id"{SCRIPT}'})
    assert SCRIPT not in html
    assert html.startswith('<select name="time_zone" id="id&quot;&lt;script&gt;')
    assert '<option value="UTC" selected>UTC</option>' in html
    assert (
        '<option value="a&quot;&lt;script&gt;alert(1)&lt;/script&gt;">'
        "&lt;script&gt;alert(1)&lt;/script&gt; label</option>"
    ) in html


def test_quick_select_selects_nothing_when_the_value_is_unknown():
    html = QuickSelect(choices=[("a", "A"), ("b", "B")]).render("x", f"{SCRIPT}")
    assert "selected" not in html and SCRIPT not in html
    assert (
        html == '<select name="x"><option value="a">A</option><option value="b">B</option></select>'
    )


@pytest.mark.parametrize("pk", [1, 7, 2147483647, 10**12])
def test_row_urls_give_what_reverse_gives(pk):
    assert RowUrls("goals:goal-detail")(pk) == reverse("goals:goal-detail", args=[pk])
    assert RowUrls("programs:manage-offering")(pk) == reverse("programs:manage-offering", args=[pk])


def test_row_urls_take_only_integer_ids():
    with pytest.raises(ValueError):
        RowUrls("goals:goal-detail")("1/../../admin")
