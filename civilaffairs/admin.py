"""Back-office admin (admins and county staff); caseworkers use the project's own pages."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin

from civilaffairs.filters import id_number_search
from civilaffairs.forms import IdNumberField
from civilaffairs.models import (
    BoundaryMarker,
    JobRun,
    Person,
    PlaceName,
    PlaceNameSign,
    Region,
    RegionStat,
    User,
    WorkCalendarDay,
)
from civilaffairs.resources import PersonResource


class ScopedAdminMixin:
    """The admin shows only rows of the staff member's jurisdiction, like every other path, and offers only
    regions (and scoped records) of that jurisdiction as choices: a raw id typed from elsewhere is refused."""

    def get_queryset(self, request):
        return self.model.objects.for_user(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if getattr(related, "scope_field", None) and "queryset" not in kwargs:
            kwargs["queryset"] = related.objects.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "display_name", "role", "jurisdiction", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("username", "display_name")
    autocomplete_fields = ("jurisdiction",)
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Role and jurisdiction"), {"fields": ("display_name", "role", "jurisdiction", "phone")}),
    )


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "kind", "urban_rural", "is_placeholder", "abolished_on")
    list_filter = ("level", "kind", "urban_rural", "is_placeholder")
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)


@admin.register(RegionStat)
class RegionStatAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("region", "year", "resident_population", "households", "aged_60_plus", "source", "is_demo")
    list_filter = ("year", "is_demo")
    raw_id_fields = ("region",)


class PersonAdminForm(forms.ModelForm):
    id_number = IdNumberField()

    class Meta:
        model = Person
        fields = ["id_number", "name", "region", "address", "phone", "death_date"]


@admin.register(Person)
class PersonAdmin(ScopedAdminMixin, ExportMixin, admin.ModelAdmin):
    form = PersonAdminForm
    resource_classes = [PersonResource]
    list_display = ("name", "masked_id_number", "sex", "birth_date", "region")
    search_fields = ("name", "id_number")
    raw_id_fields = ("region",)
    readonly_fields = ("sex", "birth_date")

    def get_export_resource_kwargs(self, request, **kwargs):
        return {"user": request.user}

    def get_search_results(self, request, queryset, search_term):
        # The same rule as the pages: a viewer who sees numbers masked finds by a whole number, never a prefix.
        condition = id_number_search(request.user, search_term.strip()) if search_term.strip() else None
        if condition is not None:
            return queryset.filter(condition), False
        return super().get_search_results(request, queryset, search_term)


@admin.register(PlaceName)
class PlaceNameAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "category", "region", "status", "approved_on")
    list_filter = ("category", "status")
    search_fields = ("name",)
    raw_id_fields = ("region",)


@admin.register(PlaceNameSign)
class PlaceNameSignAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("place_name", "code", "region", "condition", "last_inspected_on")
    list_filter = ("condition",)
    raw_id_fields = ("region", "place_name")


@admin.register(BoundaryMarker)
class BoundaryMarkerAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("boundary_name", "number", "boundary_level", "condition", "last_joint_inspection_on")
    list_filter = ("boundary_level", "condition")
    raw_id_fields = ("region",)


@admin.register(JobRun)
class JobRunAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("title", "job", "key", "status", "progress_done", "progress_total", "created_at", "finished_at")
    list_filter = ("job", "status")
    readonly_fields = [f.name for f in JobRun._meta.fields]


@admin.register(WorkCalendarDay)
class WorkCalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "is_workday", "note")
    list_filter = ("is_workday",)
