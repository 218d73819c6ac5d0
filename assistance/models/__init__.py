from .applications import Application, ApplicationStatusChange, Objection, Obligor
from .disability import DisabilityCertificate
from .enrolments import Enrolment, EnrolmentAmount, EnrolmentMember, ReCheck
from .households import Household, HouseholdMember
from .institutions import WelfareInstitution
from .lowincome import LowIncomeHousehold, LowIncomeVisit
from .payments import PaymentLine, PaymentRoll
from .standards import AssistanceStandard
from .temporary import TemporaryAdvance
from .vagrants import VagrantCase

__all__ = [
    "Application",
    "ApplicationStatusChange",
    "AssistanceStandard",
    "DisabilityCertificate",
    "Enrolment",
    "EnrolmentAmount",
    "EnrolmentMember",
    "Household",
    "HouseholdMember",
    "LowIncomeHousehold",
    "LowIncomeVisit",
    "Objection",
    "Obligor",
    "PaymentLine",
    "PaymentRoll",
    "ReCheck",
    "TemporaryAdvance",
    "VagrantCase",
    "WelfareInstitution",
]
