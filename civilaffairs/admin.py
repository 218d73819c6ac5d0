"""Back-office admin (admins and county staff); caseworkers use the project's own pages."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin
from rest_framework.authtoken.admin import TokenAdmin as BaseTokenAdmin
from rest_framework.authtoken.models import TokenProxy

from civilaffairs.choices import STAFF_SITE_ROLES
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


class IdNumberSearchMixin:
    """The admin's search finds a row by its 公民身份号码 (``id_number_field``) under the pages' rule
    (``civilaffairs.filters.id_number_search``): a viewer who sees numbers masked only by the whole valid number."""

    id_number_field = "id_number"

    def get_search_fields(self, request):
        fields = super().get_search_fields(request)
        if request.user.has_perm("civilaffairs.view_full_id_number"):
            return fields
        # The stock search matches each part of the term, unquoted, as a substring of every field: '"5002361980"'
        # or '5002361980 ""' would pass a check of the whole term and still find by a prefix. So a masked viewer's
        # terms never reach the number column; get_search_results looks up a whole number itself.
        return tuple(field for field in fields if field.lstrip("=^@") != self.id_number_field)

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        condition = id_number_search(request.user, term, self.id_number_field) if term else None
        if condition is not None:
            return queryset.filter(condition), False
        return super().get_search_results(request, queryset, search_term)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Superusers manage everyone. A 系统管理员 manages the users of their own jurisdiction: sets role, jurisdiction
    (inside theirs) and active flag, resets passwords; the staff flag follows the role and the superuser flag,
    groups and per-user permissions stay out of their reach."""

    list_display = ("username", "display_name", "role", "jurisdiction", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("username", "display_name")
    autocomplete_fields = ("jurisdiction",)
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Role and jurisdiction"), {"fields": ("display_name", "role", "jurisdiction", "phone")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Role and jurisdiction"), {"fields": ("display_name", "role", "jurisdiction", "phone")}),
    )
    # What a non-superuser administrator edits: no is_staff, is_superuser, groups or user_permissions.
    limited_fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Role and jurisdiction"), {"fields": ("display_name", "role", "jurisdiction", "phone")}),
        (_("Account"), {"fields": ("first_name", "last_name", "email", "is_active")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user).select_related("jurisdiction")

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not request.user.is_superuser:
            return self.limited_fieldsets
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ("last_login", "date_joined")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "jurisdiction":
            kwargs["queryset"] = Region.objects.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.is_superuser = False
            obj.is_staff = obj.role in STAFF_SITE_ROLES
        elif "is_staff" not in form.fields:  # a superuser's add form: staff site as the role needs it
            obj.is_staff = obj.role in STAFF_SITE_ROLES
        super().save_model(request, obj, form, change)
        # Re-check after the write (STYLE "Scoping"): the user must still be one this administrator manages.
        if not User.objects.for_user(request.user).filter(pk=obj.pk).exists():
            raise PermissionDenied(_("The record would fall outside your jurisdiction."))


# API tokens: DRF registers its TokenAdmin unscoped; the same admin, limited to the users one manages.
if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class TokenAdmin(BaseTokenAdmin):
    def get_queryset(self, request):
        return super().get_queryset(request).filter(user__in=User.objects.for_user(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = User.objects.for_user(request.user).filter(is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Region)
class RegionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    # Scoped too: the jurisdiction pickers (autocomplete, raw-id lookup) then suggest only the user's own tree.
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
class PersonAdmin(IdNumberSearchMixin, ScopedAdminMixin, ExportMixin, admin.ModelAdmin):
    form = PersonAdminForm
    resource_classes = [PersonResource]
    list_display = ("name", "masked_id_number", "sex", "birth_date", "region")
    search_fields = ("name", "id_number")
    raw_id_fields = ("region",)
    readonly_fields = ("sex", "birth_date")

    def get_export_resource_kwargs(self, request, **kwargs):
        return {"user": request.user}


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
