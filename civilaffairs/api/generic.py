"""Pieces every app's API is built from (NetBox's ``restrict()`` + HackSoft's services, STYLE "API").

- ``ScopedViewSet``: list, read, create and update the records of the user's jurisdiction (``for_user``); no
  delete — registers keep their history (close, deregister or decommission instead). After a write the record
  must still be inside the jurisdiction, else nothing is saved.
- ``CleanModelSerializer``: writes run the model's own rules (``full_clean``) in a transaction, so the API refuses
  what the pages refuse, in Chinese; a unique rule caught at the last moment is a 400, not a server error.
- ``ScopedRelatedField`` / ``ScopedRegionField``: a related record or region the user may see; any other id is
  "does not exist".
- ``run_service``: workflow endpoints call the pages' services; their outcomes as HTTP.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from civilaffairs.generic import already_exists_message
from civilaffairs.models import Region

NO_DELETE = ["get", "post", "put", "patch", "head", "options"]


def error_detail(exc: DjangoValidationError) -> dict:
    """A Django ``ValidationError`` as DRF's 400 body: ``{field: [message]}``, the rest under ``non_field_errors``."""
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if name == NON_FIELD_ERRORS else name): [" ".join(e.messages) for e in errors]
            for name, errors in exc.error_dict.items()
        }
    return {"non_field_errors": exc.messages}


def drf_error(exc: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(error_detail(exc))


def run_service(call: Callable, on_success: Callable, *, conflicts: tuple[type[Exception], ...] = ()) -> Response:
    """A service's outcome as HTTP: invalid → 400 with the Chinese messages, not allowed → 403, outside the
    jurisdiction → 404, one of ``conflicts`` (a refused transition) → 409; else ``on_success(result)``."""
    try:
        result = call()
    except conflicts as exc:
        return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
    except DjangoValidationError as exc:
        return Response(error_detail(exc), status=status.HTTP_400_BAD_REQUEST)
    except DjangoPermissionDenied as exc:
        raise PermissionDenied(str(exc)) from None
    except ObjectDoesNotExist:
        raise Http404 from None
    return on_success(result)


def respond_with(serializer_class, request, status_code: int = status.HTTP_200_OK) -> Callable:
    """``on_success`` for ``run_service``: the service's result, serialized."""
    return lambda result: Response(serializer_class(result, context={"request": request}).data, status=status_code)


@extend_schema_field(OpenApiTypes.INT)
class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """The id of a record of ``model`` the requesting user may see (narrowed by ``filters``)."""

    def __init__(self, model=None, *, filters: dict | None = None, **kwargs):
        self.scoped_model = model
        self.filters = filters or {}
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.scoped_model.objects.for_user(self.context["request"].user).filter(**self.filters)


@extend_schema_field(OpenApiTypes.STR)
class ScopedRegionField(serializers.PrimaryKeyRelatedField):
    """A region code inside the requesting user's jurisdiction, at one of ``levels`` (any level when None)."""

    def __init__(self, *, levels: Iterable[str] | None = None, **kwargs):
        self.levels = list(levels) if levels is not None else None
        super().__init__(**kwargs)

    def get_queryset(self):
        regions = Region.objects.for_user(self.context["request"].user)
        return regions if self.levels is None else regions.filter(level__in=self.levels)


class CleanModelSerializer(serializers.ModelSerializer):
    """Create and update through ``full_clean`` (model rules and constraints) in a transaction; many-to-many
    fields are set after the save."""

    def _save(self, instance, validated_data: dict):
        many = {}
        for name in list(validated_data):
            try:
                field = instance._meta.get_field(name)
            except FieldDoesNotExist:  # a serializer-only value the subclass handles
                continue
            if field.many_to_many:
                many[name] = validated_data.pop(name)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        try:
            instance.full_clean()
        except DjangoValidationError as exc:
            raise drf_error(exc) from None
        try:
            with transaction.atomic():
                instance.save()
                for name, values in many.items():
                    getattr(instance, name).set(values)
        except IntegrityError:
            raise serializers.ValidationError({"non_field_errors": [already_exists_message()]}) from None
        return instance

    def create(self, validated_data):
        return self._save(self.Meta.model(), validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)


class ScopedViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create and update the records of the user's jurisdiction (no delete). Declare ``model`` and
    optionally ``select_related`` / ``ordering``, or override ``get_queryset`` starting from ``for_user``."""

    http_method_names = NO_DELETE
    model = None
    select_related: tuple[str, ...] = ()
    ordering: tuple[str, ...] = ("pk",)

    def get_queryset(self):
        queryset = self.model.objects.for_user(self.request.user)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return queryset.order_by(*self.ordering)

    def save_kwargs(self, *, created: bool) -> dict:
        """Values the server sets on a write (e.g. ``created_by``)."""
        return {}

    def perform_create(self, serializer):
        self.save_in_scope(serializer, **self.save_kwargs(created=True))

    def perform_update(self, serializer):
        self.save_in_scope(serializer, **self.save_kwargs(created=False))

    def save_in_scope(self, serializer, **extra):
        # Re-check after the write (STYLE "Scoping"): the saved record must still be inside the jurisdiction.
        with transaction.atomic():
            instance = serializer.save(**extra)
            if not type(instance).objects.for_user(self.request.user).filter(pk=instance.pk).exists():
                raise PermissionDenied(_("The record would fall outside your jurisdiction."))
