"""Thin views of the requests app, one module per area."""
