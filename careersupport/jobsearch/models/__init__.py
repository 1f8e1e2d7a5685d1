"""Job search models, a module per room: the tracker's (`applications`) and HR's job leads
(`leads`)."""

from .applications import (
    Application,
    Contact,
    Outcome,
    PreparationComment,
    PreparationRequest,
    ResumeVersion,
    SalaryResearch,
    StageChange,
    TrackerOptIn,
)
from .leads import FiguresRollup, JobLead, LeadOrganisation, LeadSave

__all__ = [
    "Application",
    "Contact",
    "FiguresRollup",
    "JobLead",
    "LeadOrganisation",
    "LeadSave",
    "Outcome",
    "PreparationComment",
    "PreparationRequest",
    "ResumeVersion",
    "SalaryResearch",
    "StageChange",
    "TrackerOptIn",
]
