"""Thin views: parse, authorize through `permissions`, call a service or selector, render."""

from __future__ import annotations

from careersupport.people.permissions import individual_required


@individual_required
def survey_answer(request, pk: int):
    raise NotImplementedError
