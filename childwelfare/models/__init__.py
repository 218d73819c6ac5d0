from .registers import ChildWelfareInstitution, ChildWorker, MinorProtectionStation

__all__ = ["ChildWelfareInstitution", "ChildWorker", "MinorProtectionStation"]
