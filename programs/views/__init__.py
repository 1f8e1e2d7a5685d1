"""Thin views, one module per area: catalog (people), manage (HR), events, kinds."""
