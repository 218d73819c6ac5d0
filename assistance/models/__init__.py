from .applications import Application, ApplicationStatusChange, Objection, Obligor
from .enrolments import Enrolment, EnrolmentAmount, EnrolmentMember, ReCheck
from .households import Household, HouseholdMember
from .payments import PaymentLine, PaymentRoll
from .standards import AssistanceStandard

__all__ = [
    "Application",
    "ApplicationStatusChange",
    "AssistanceStandard",
    "Enrolment",
    "EnrolmentAmount",
    "EnrolmentMember",
    "Household",
    "HouseholdMember",
    "Objection",
    "Obligor",
    "PaymentLine",
    "PaymentRoll",
    "ReCheck",
]
