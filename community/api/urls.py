from rest_framework.routers import DefaultRouter

from community.api import views

router = DefaultRouter()
router.register("facilities", views.FacilityViewSet, basename="facility")
router.register("volunteer-stations", views.VolunteerStationViewSet, basename="volunteerstation")
router.register("platform-accesses", views.PlatformAccessViewSet, basename="platformaccess")
router.register("rural-community-recognitions", views.DesignationViewSet, basename="designation")
router.register("organisations", views.SocialOrganizationViewSet, basename="socialorganization")
router.register("annual-reports", views.AnnualReportViewSet, basename="annualreport")
router.register("incubation-centres", views.IncubationCentreViewSet, basename="incubationcentre")
router.register("social-workers", views.SocialWorkerViewSet, basename="socialworker")
router.register("volunteers", views.VolunteerViewSet, basename="volunteer")
router.register("donations", views.DonationViewSet, basename="donation")
router.register("lottery-outlets", views.LotteryOutletViewSet, basename="lotteryoutlet")
router.register("lottery-sales", views.SalesReturnViewSet, basename="salesreturn")

urlpatterns = router.urls
