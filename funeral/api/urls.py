from rest_framework.routers import DefaultRouter

from funeral.api import views

router = DefaultRouter()
router.register("facilities", views.FuneralFacilityViewSet, basename="funeralfacility")
router.register("burial-zones", views.BurialZoneViewSet, basename="burialzone")
router.register("cremators", views.CrematorViewSet, basename="cremator")
router.register("projects", views.ConstructionProjectViewSet, basename="constructionproject")
router.register("marriage-offices", views.MarriageOfficeViewSet, basename="marriageregistrationoffice")
router.register("cross-province", views.CrossProvinceViewSet, basename="crossprovinceauthorisation")
router.register("marriage-counts", views.MarriageCountViewSet, basename="marriageregistrationcount")

urlpatterns = router.urls
