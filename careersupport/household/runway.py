"""The arithmetic of the financial plan: how many months the household's savings last, and
how a lump sum or a salary advance would change that. Pure functions on `Decimal`, so the
page, the tests and anyone reading can check the same figures.

Money is spent evenly through each month. The shortfall is costs minus income; when income
covers the costs there is no limit to the runway (`months` is None).

A salary advance of A repaid over m months in equal parts of r = A/m adds A now and takes r
from each of the next m months. It is a loan, so it lengthens the runway only when the
savings alone would run out before the repayments end (S < d·m): the runway is then
(S + A) / (d + r), at most m months. Otherwise the money comes back out before it is needed
and the runway is S / d, as without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

TENTH = Decimal("0.1")
ZERO = Decimal("0")


@dataclass(frozen=True)
class Runway:
    shortfall: Decimal  # a month: costs minus income (zero or less: income covers costs)
    months: Decimal | None  # None: income covers the costs, the savings are not drawn on

    @property
    def is_unlimited(self) -> bool:
        return self.months is None


def _months(amount: Decimal, per_month: Decimal) -> Decimal:
    # Rounded down: a plan should not promise a tenth of a month it does not have.
    return max(amount / per_month, ZERO).quantize(TENTH, rounding=ROUND_DOWN)


def runway(*, savings: Decimal, monthly_costs: Decimal, monthly_income: Decimal) -> Runway:
    shortfall = monthly_costs - monthly_income
    if shortfall <= 0:
        return Runway(shortfall=shortfall, months=None)
    return Runway(shortfall=shortfall, months=_months(savings, shortfall))


def with_lump_sum(
    *, savings: Decimal, monthly_costs: Decimal, monthly_income: Decimal, amount: Decimal
) -> Runway:
    """A one-off sum paid to the household (a reimbursement of a cost it pays anyway)."""
    return runway(
        savings=savings + amount, monthly_costs=monthly_costs, monthly_income=monthly_income
    )


def with_advance(
    *,
    savings: Decimal,
    monthly_costs: Decimal,
    monthly_income: Decimal,
    amount: Decimal,
    repayment_months: int,
) -> Runway:
    """An advance on salary of `amount`, repaid in `repayment_months` equal instalments."""
    if repayment_months < 1:
        raise ValueError("An advance is repaid over one month or more.")
    base = runway(savings=savings, monthly_costs=monthly_costs, monthly_income=monthly_income)
    if base.months is None or amount <= 0:
        return base
    shortfall = base.shortfall
    if savings >= shortfall * repayment_months:
        return base  # repaid before the savings run out: no longer, no shorter
    instalment = amount / repayment_months
    return Runway(shortfall=shortfall, months=_months(savings + amount, shortfall + instalment))
