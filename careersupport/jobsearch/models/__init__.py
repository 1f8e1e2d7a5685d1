"""Job search models, a module per room: the tracker's (`applications`) and HR's job leads
(`leads`)."""

from .applications import Application
from .leads import FiguresRollup, JobLead, LeadOrganisation, LeadSave

__all__ = ["Application", "FiguresRollup", "JobLead", "LeadOrganisation", "LeadSave"]
