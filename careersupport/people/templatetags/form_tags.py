"""How `includes/_form.html` lays a form out: fields in order, with the groups a form
declares (`field_groups = {"Audience": ("for_employees", ...)}`) each inside one fieldset
with its legend, placed where the group's first field would be."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.forms import BaseFormSet, BoundField, Form

register = template.Library()


@dataclass
class FieldGroup:
    legend: str
    fields: list[BoundField] = field(default_factory=list)

    @property
    def errors(self) -> bool:
        return any(f.errors for f in self.fields)


@register.filter
def laid_out(form: Form) -> list[BoundField | FieldGroup]:
    groups = getattr(form, "field_groups", {})
    group_of = {name: legend for legend, names in groups.items() for name in names}
    items: list[BoundField | FieldGroup] = []
    placed: dict[str, FieldGroup] = {}
    for bound in form.visible_fields():
        legend = group_of.get(bound.name)
        if legend is None:
            items.append(bound)
            continue
        if legend not in placed:
            placed[legend] = FieldGroup(legend)
            items.append(placed[legend])
        placed[legend].fields.append(bound)
    return items


@register.filter
def is_group(item) -> bool:
    return isinstance(item, FieldGroup)


@register.filter
def error_count(form: Form) -> int:
    return sum(len(errors) for errors in form.errors.values())


@register.filter
def problems_with(formset: BaseFormSet | str, form: Form) -> int:
    """`formset|problems_with:form`: the form's problems and those of a formset shown with it
    (its rows' and its own); the formset may be absent (a missing variable reads as "")."""
    count = error_count(form)
    if isinstance(formset, BaseFormSet):
        count += formset.total_error_count()
    return count
