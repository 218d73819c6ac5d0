from rest_framework.routers import DefaultRouter

from childwelfare.api import views

router = DefaultRouter()
router.register("stations", views.StationViewSet, basename="minorprotectionstation")
router.register("institutions", views.ChildInstitutionViewSet, basename="childwelfareinstitution")
router.register("workers", views.ChildWorkerViewSet, basename="childworker")

urlpatterns = router.urls
