from django.urls import path
from rest_framework.routers import DefaultRouter

from civilaffairs.api import views

router = DefaultRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("region-stats", views.RegionStatViewSet, basename="regionstat")
router.register("persons", views.PersonViewSet, basename="person")

urlpatterns = [
    path("token/", views.obtain_token, name="api_token"),
    *router.urls,
]
