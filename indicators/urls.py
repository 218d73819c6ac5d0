from django.urls import path

from indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan_list"),
    path("plans/<str:code>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("plans/<str:code>/recompute/", views.PlanRecomputeView.as_view(), name="plan_recompute"),
    path("plans/<str:code>/reports/", views.EvaluationReportListView.as_view(), name="report_list"),
    path("plans/<str:code>/reports/new/", views.EvaluationReportRequestView.as_view(), name="report_request"),
    path("reports/<int:pk>/", views.EvaluationReportDetailView.as_view(), name="report_detail"),
    path("reports/<int:pk>/download/", views.EvaluationReportDownloadView.as_view(), name="report_download"),
    path("plans/<str:code>/rows/<int:order>/", views.RowDetailView.as_view(), name="row_detail"),
    path("plans/<str:code>/rows/<int:order>/records/", views.DrilldownView.as_view(), name="row_records"),
    path("definitions/", views.DefinitionListView.as_view(), name="definition_list"),
    path("manual-inputs/", views.ManualInputListView.as_view(), name="manualinput_list"),
    path("manual-inputs/new/", views.ManualInputCreateView.as_view(), name="manualinput_create"),
    path("manual-inputs/<int:pk>/", views.ManualInputDetailView.as_view(), name="manualinput_detail"),
    path("manual-inputs/<int:pk>/edit/", views.ManualInputUpdateView.as_view(), name="manualinput_update"),
    path("manual-inputs/<int:pk>/approve/", views.ManualInputApproveView.as_view(), name="manualinput_approve"),
    path("manual-inputs/<int:pk>/reject/", views.ManualInputRejectView.as_view(), name="manualinput_reject"),
    path("manual-inputs/<int:pk>/evidence/", views.ManualInputEvidenceView.as_view(), name="manualinput_evidence"),
]
