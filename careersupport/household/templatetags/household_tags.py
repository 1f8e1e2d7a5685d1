from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("household/includes/_home_card.html", takes_context=True)
def household_home_card(context) -> dict:
    """The home card, for the two sides of an active partnership only (one query)."""
    from ..selectors import home_state

    me = context.get("me")
    state = home_state(me) if me is not None else None
    return {"me": me, "state": state}


@register.filter
def money(amount, currency: str = "") -> str:
    """`EUR 1,234.50`: a Decimal amount with its currency (never through a float)."""
    if amount is None:
        return "—"
    return f"{currency} {amount:,.2f}".strip()


@register.filter
def months(value) -> str:
    """Months of runway, to a tenth: `7.5 months`, `1 month`."""
    if value is None:
        return "no limit"
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:.1f}"
    return f"{text} month" if text == "1" else f"{text} months"
