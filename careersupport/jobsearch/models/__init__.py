"""Job search models, a module per room: the tracker's (`applications`) and HR's job leads
(`leads`)."""

from .applications import Application

__all__ = ["Application"]
