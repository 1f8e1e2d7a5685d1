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

__all__ = [
    "Application",
    "Contact",
    "Outcome",
    "PreparationComment",
    "PreparationRequest",
    "ResumeVersion",
    "SalaryResearch",
    "StageChange",
    "TrackerOptIn",
]
