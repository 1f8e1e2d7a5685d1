"""What HR edits on an offering or a session is listed once (the service's TypedDict); the
create services take those fields as typed keyword arguments and the forms show the same."""

import inspect

from programs.forms import OfferingForm, SessionForm
from programs.services.events import SESSION_FIELDS, session_create
from programs.services.offerings import OFFERING_FIELDS, offering_create


def _keywords(service) -> list[str]:
    parameters = inspect.signature(service).parameters.values()
    assert all(p.kind is p.KEYWORD_ONLY for p in parameters), "keyword-only, no **fields"
    return [p.name for p in parameters]


def test_offering_create_takes_each_editable_field_by_name():
    assert set(_keywords(offering_create)) == {"actor", "departments", *OFFERING_FIELDS}


def test_session_create_takes_each_editable_field_by_name():
    assert set(_keywords(session_create)) == {"offering", "actor", *SESSION_FIELDS}


def test_the_forms_show_the_editable_fields():
    assert set(OfferingForm.base_fields) == {*OFFERING_FIELDS, "departments"}
    assert list(SessionForm.base_fields) == list(SESSION_FIELDS)
