"""The runway arithmetic of the financial plan: a table of worked cases and properties that
hold for any amounts (Decimal throughout)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careersupport.household.runway import runway, with_advance, with_lump_sum

money = st.decimals(
    min_value=0, max_value=1_000_000, places=2, allow_nan=False, allow_infinity=False
)
positive = st.decimals(
    min_value=D("0.01"), max_value=1_000_000, places=2, allow_nan=False, allow_infinity=False
)


@pytest.mark.parametrize(
    ("savings", "costs", "income", "months"),
    [
        ("6000", "3200", "2400", "7.5"),  # the demo household
        ("5000", "3000", "2000", "5.0"),
        ("1000", "3000", "0", "0.3"),  # 0.333… rounded down, never up
        ("0", "1000", "0", "0.0"),
        ("999.99", "1000", "0", "0.9"),
        ("3000", "2000", "2000", None),  # income covers the costs
        ("0", "100", "500", None),
    ],
)
def test_the_runway_of_worked_cases(savings, costs, income, months):
    result = runway(savings=D(savings), monthly_costs=D(costs), monthly_income=D(income))
    assert result.months == (None if months is None else D(months))


@pytest.mark.parametrize(
    ("savings", "amount", "repay", "months"),
    [
        ("6000", "3000", 12, "8.5"),  # 9000 / (800 + 250): runs out while repaying
        ("9600", "3000", 12, "12.0"),  # S = d·m exactly: the advance changes nothing
        ("16000", "3000", 12, "20.0"),  # repaid before the savings run out: no change
        ("0", "1200", 3, "1.0"),  # 1200 / (800 + 400)
    ],
)
def test_the_runway_with_an_advance_of_worked_cases(savings, amount, repay, months):
    result = with_advance(
        savings=D(savings),
        monthly_costs=D("3200"),
        monthly_income=D("2400"),
        amount=D(amount),
        repayment_months=repay,
    )
    assert result.months == D(months)


def test_a_reimbursement_is_money_back_in_the_savings():
    result = with_lump_sum(
        savings=D("6000"), monthly_costs=D("3200"), monthly_income=D("2400"), amount=D("1500")
    )
    assert result.months == D("9.3")


def test_an_advance_needs_a_repayment_plan():
    with pytest.raises(ValueError):
        with_advance(
            savings=D(1), monthly_costs=D(2), monthly_income=D(0), amount=D(1), repayment_months=0
        )


@given(savings=money, costs=money, income=money)
def test_the_runway_never_promises_more_than_the_savings(savings, costs, income):
    result = runway(savings=savings, monthly_costs=costs, monthly_income=income)
    if costs <= income:
        assert result.months is None
    else:
        assert result.months * result.shortfall <= savings
        assert savings - result.months * result.shortfall < result.shortfall * D("0.1")


@given(savings=money, costs=money, income=money, amount=positive)
def test_a_lump_sum_never_shortens_the_runway(savings, costs, income, amount):
    before = runway(savings=savings, monthly_costs=costs, monthly_income=income)
    after = with_lump_sum(
        savings=savings, monthly_costs=costs, monthly_income=income, amount=amount
    )
    assert (before.months is None) == (after.months is None)
    if before.months is not None:
        assert after.months >= before.months


@given(savings=money, costs=positive, amount=positive, repay=st.integers(min_value=1, max_value=60))
def test_an_advance_helps_only_until_it_is_repaid(savings, costs, amount, repay):
    before = runway(savings=savings, monthly_costs=costs, monthly_income=D(0))
    after = with_advance(
        savings=savings,
        monthly_costs=costs,
        monthly_income=D(0),
        amount=amount,
        repayment_months=repay,
    )
    assert after.months >= before.months
    # A loan lengthens a runway shorter than its repayments, and to no more than them.
    assert after.months <= max(before.months, D(repay))
    if savings >= costs * repay:
        assert after.months == before.months
