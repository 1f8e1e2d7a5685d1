"""Small helpers shared by every app's views."""

from __future__ import annotations

import csv

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.forms.utils import flatatt
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: beside its field, else at the top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def message_service_error(request, error: ValidationError) -> None:
    """Show a service's ValidationError as a message, for the POST-only buttons that have no
    form to show it on (they redirect)."""
    messages.error(request, " ".join(error.messages))


def csv_download(filename: str):
    """An attachment response and a csv writer on it."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response, csv.writer(response)


def csv_cell(value) -> str:
    """A CSV text cell a spreadsheet will not run as a formula (names are typed by people)."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class RowUrls:
    """The URL of one view for many ids, from a single reverse(): a table linking each of its
    hundred rows to the same view spends most of its time in reverse() otherwise.

        goal_url = RowUrls("goals:goal-detail")
        goal_url(goal.pk)  # == reverse("goals:goal-detail", args=[goal.pk])

    For views whose only argument is an integer id. Build one per rendering (it holds the
    script prefix of the request it was built in)."""

    SENTINEL = "2147483647"

    def __init__(self, viewname: str) -> None:
        url = reverse(viewname, args=[int(self.SENTINEL)])
        if url.count(self.SENTINEL) != 1:
            raise ValueError(f"Cannot find the id's place in {url!r}")
        self.head, self.tail = url.split(self.SENTINEL)

    def __call__(self, pk: int) -> str:
        return f"{self.head}{int(pk)}{self.tail}"


def paginate(request, queryset, per_page: int = 25) -> Page:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


# A boolean attribute as flatatt writes it (built by format_html, never by mark_safe).
SELECTED = flatatt({"selected": True})


class QuickSelect(forms.Select):
    """A <select> built in Python. Django renders every <option> through a template, which for
    the ~600 time zones was most of a profile page's time. Built with format_html_join, so
    every value and label is escaped."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{value}"{selected}>{label}</option>',
            (
                {"value": key, "selected": SELECTED if str(key) == chosen else "", "label": label}
                for key, label in self.choices
            ),
        )
        return format_html(
            '<select name="{name}"{attrs}>{options}</select>',
            name=name,
            attrs=flatatt(attrs),
            options=options,
        )
