"""Back-office admin of the child-welfare registers, scoped like every other path."""

from django.contrib import admin

from childwelfare.models import ChildWelfareInstitution, ChildWorker, MinorProtectionStation
from civilaffairs.admin import ScopedAdminMixin


@admin.register(MinorProtectionStation)
class StationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "region", "established_on", "closed_on", "is_model", "model_recognised_on")
    list_filter = ("kind", "is_model")
    search_fields = ("name",)
    raw_id_fields = ("region",)


@admin.register(ChildWelfareInstitution)
class ChildInstitutionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "region", "opened_on", "rescue_function_since", "closed_on")
    list_filter = ("kind",)
    raw_id_fields = ("region",)


@admin.register(ChildWorker)
class ChildWorkerAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("person", "role", "region", "appointed_on", "left_on", "trained_on")
    list_filter = ("role",)
    search_fields = ("person__name",)
    raw_id_fields = ("person", "region")
