from django.urls import path
from rest_framework.routers import DefaultRouter

from indicators.api import views

router = DefaultRouter()
router.register("plans", views.PlanViewSet, basename="plan")
router.register("rows", views.PlanRowViewSet, basename="planrow")
router.register("snapshots", views.SnapshotViewSet, basename="snapshot")
router.register("definitions", views.IndicatorDefinitionViewSet, basename="indicatordefinition")
router.register("manual-input-types", views.ManualInputTypeViewSet, basename="manualinputtype")
router.register("manual-inputs", views.ManualInputViewSet, basename="manualinput")
router.register("reports", views.EvaluationReportViewSet, basename="indicatorreport")

urlpatterns = [path("breakdowns/", views.BreakdownView.as_view(), name="indicators-breakdowns"), *router.urls]
