from django.contrib.auth.decorators import login_not_required
from django.urls import reverse
from rest_framework import viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from civilaffairs.api.generic import ScopedViewSet
from civilaffairs.api.serializers import PersonSerializer, RegionSerializer, RegionStatSerializer
from civilaffairs.filters import PersonFilterSet, RegionFilterSet
from civilaffairs.models import Person, Region, RegionStat


class TokenRequestThrottle(SimpleRateThrottle):
    """Token requests per client address (``token`` rate in settings), whoever they claim to be: guessing
    passwords through the API is slowed like the login page (where django-axes also locks the account)."""

    scope = "token"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ObtainTokenView(ObtainAuthToken):
    """``POST username, password`` → ``{"token": "..."}``; then send ``Authorization: Token <token>``.

    Public like the login page (it is one); throttled per address, and django-axes counts its failures.
    """

    access_rule = "public"
    throttle_classes = [TokenRequestThrottle]


obtain_token = login_not_required(ObtainTokenView.as_view())


class ApiRootView(APIView):
    """The API's entry point: links to each app's endpoints and the OpenAPI schema."""

    permission_classes = [IsAuthenticated]

    def get(self, request):
        from civilaffairs.urls import API_APPS

        return Response(
            {
                "token": request.build_absolute_uri(reverse("api_token")),
                "schema": request.build_absolute_uri(reverse("api_schema")),
                "docs": request.build_absolute_uri(reverse("api_docs")),
                "apps": {app: request.build_absolute_uri(f"/api/{app}/") for app in API_APPS},
            }
        )


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """The region tree (reference data, readable by every user). Filter by ``level``, ``parent``, ``under``."""

    queryset = Region.objects.order_by("code")
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet


class RegionStatViewSet(ScopedViewSet):
    """Yearly figures of the regions in the user's jurisdiction; writes stay inside it (re-checked after)."""

    model = RegionStat
    serializer_class = RegionStatSerializer
    filterset_fields = ["region", "year"]
    ordering = ("region_id", "year")


class PersonViewSet(viewsets.ModelViewSet):
    """Persons in the requesting user's jurisdiction; ID numbers masked unless the role may see them."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return Person.objects.for_user(self.request.user).select_related("region", "region__parent").order_by("id")
