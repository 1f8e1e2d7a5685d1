"""No page's query count grows with the number of offerings or enrollments."""

import pytest
from django.urls import reverse

from programs.models import Enrollment, Offering
from tests.factories import DepartmentFactory, IndividualFactory, OfferingFactory

pytestmark = pytest.mark.django_db


def make_offerings(employer, size, **fields):
    template = OfferingFactory.build(employer=employer, **fields)
    offerings = Offering.objects.bulk_create(
        [
            Offering(
                **{
                    f.attname: getattr(template, f.attname)
                    for f in Offering._meta.concrete_fields
                    if f.attname != "id"
                }
            )
            for _ in range(size)
        ]
    )
    dept = DepartmentFactory(employer=employer)
    Offering.departments.through.objects.bulk_create(
        [Offering.departments.through(offering=o, department=dept) for o in offerings[::3]]
    )
    return offerings


def make_enrollments(offerings, people, status):
    Enrollment.objects.bulk_create(
        [
            Enrollment(offering=o, person=p, employer=o.employer, status=status)
            for o in offerings
            for p in people
        ]
    )


@pytest.mark.parametrize("size", [10, 300])
def test_the_catalog_keeps_query_count_flat(
    client_for, employee, peer, django_assert_max_num_queries, size
):
    offerings = make_offerings(employee.employer, size, capacity=5)
    make_enrollments(offerings, [employee, peer], "enrolled")
    client = client_for(employee)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("programs:catalog"), {"page": 1})
    assert response.status_code == 200


@pytest.mark.parametrize("size", [10, 300])
def test_the_hr_queue_keeps_query_count_flat(
    client_for, hr_admin, django_assert_max_num_queries, size
):
    offerings = make_offerings(hr_admin.employer, 3, needs_approval=True)
    people = IndividualFactory.create_batch(size // 3 + 1, employer=hr_admin.employer, user=None)
    make_enrollments(offerings, people, "requested")
    client = client_for(hr_admin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("programs:manage-queue"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [10, 300])
def test_the_console_list_and_roster_keep_query_count_flat(
    client_for, hr_admin, django_assert_max_num_queries, size
):
    offerings = make_offerings(hr_admin.employer, size)
    people = IndividualFactory.create_batch(10, employer=hr_admin.employer, user=None)
    make_enrollments(offerings[:1], people, "enrolled")
    client = client_for(hr_admin)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("programs:manage")).status_code == 200
    with django_assert_max_num_queries(14):
        url = reverse("programs:manage-offering", args=[offerings[0].pk])
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [10, 300])
def test_my_programs_keeps_query_count_flat(
    client_for, employee, django_assert_max_num_queries, size
):
    offerings = make_offerings(employee.employer, size)
    make_enrollments(offerings, [employee], "enrolled")
    client = client_for(employee)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("programs:mine")).status_code == 200


@pytest.mark.parametrize("size", [10, 200])
def test_an_erg_page_with_members_and_events_keeps_query_count_flat(
    client_for, employee, django_assert_max_num_queries, size
):
    from tests.factories import SessionFactory

    erg = OfferingFactory(employer=employee.employer, kind="erg")
    people = IndividualFactory.create_batch(size, employer=employee.employer, user=None)
    make_enrollments([erg], [employee, *people], "enrolled")
    SessionFactory.create_batch(size // 10, offering=erg)
    client = client_for(employee)
    with django_assert_max_num_queries(12):
        assert client.get(erg.get_absolute_url()).status_code == 200
