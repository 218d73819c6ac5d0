from rest_framework.routers import DefaultRouter

from civilaffairs.api import views

router = DefaultRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("region-stats", views.RegionStatViewSet, basename="regionstat")
router.register("persons", views.PersonViewSet, basename="person")

urlpatterns = router.urls
