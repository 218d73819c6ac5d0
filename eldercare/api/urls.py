from rest_framework.routers import DefaultRouter

from eldercare.api import views

router = DefaultRouter()
router.register("institutions", views.InstitutionViewSet, basename="eldercareinstitution")
router.register("facilities", views.FacilityViewSet, basename="communityeldercarefacility")
router.register("inventories", views.InventoryViewSet, basename="eldercarebedinventory")
router.register("assessments", views.AssessmentViewSet, basename="eldercarequalityassessment")
router.register("elderly", views.ElderlyViewSet, basename="elderlyperson")
router.register("visits", views.VisitViewSet, basename="elderlyvisit")

urlpatterns = router.urls
