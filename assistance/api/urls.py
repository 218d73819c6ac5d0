from rest_framework.routers import DefaultRouter

from assistance.api import views

router = DefaultRouter()
router.register("households", views.HouseholdViewSet, basename="household")
router.register("applications", views.ApplicationViewSet, basename="application")
router.register("enrolments", views.EnrolmentViewSet, basename="enrolment")
router.register("payment-rolls", views.PaymentRollViewSet, basename="paymentroll")
router.register("standards", views.StandardViewSet, basename="assistancestandard")
router.register("certificates", views.CertificateViewSet, basename="disabilitycertificate")
router.register("low-income", views.LowIncomeViewSet, basename="lowincomehousehold")
router.register("vagrant-cases", views.VagrantCaseViewSet, basename="vagrantcase")
router.register("welfare-institutions", views.WelfareInstitutionViewSet, basename="welfareinstitution")
router.register("advances", views.AdvanceViewSet, basename="temporaryadvance")

urlpatterns = router.urls
