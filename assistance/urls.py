from django.urls import path

from assistance import views
from civilaffairs.imports import ImportView

app_name = "assistance"

urlpatterns = [
    path("households/", views.HouseholdListView.as_view(), name="household_list"),
    path("households/new/", views.HouseholdEditView.as_view(), name="household_create"),
    path("households/<int:pk>/", views.HouseholdDetailView.as_view(), name="household_detail"),
    path("households/<int:pk>/edit/", views.HouseholdUpdateView.as_view(), name="household_update"),
    path("households/<int:pk>/apply/", views.ApplicationCreateView.as_view(), name="application_create"),
    path("applications/", views.ApplicationListView.as_view(), name="application_list"),
    path("applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="application_detail"),
    path("applications/<int:pk>/<str:action>/", views.ApplicationActionView.as_view(), name="application_action"),
    path("enrolments/", views.EnrolmentListView.as_view(), name="enrolment_list"),
    path("enrolments/rechecks-due/", views.RecheckDueListView.as_view(), name="recheck_due_list"),
    path("enrolments/<int:pk>/", views.EnrolmentDetailView.as_view(), name="enrolment_detail"),
    path("enrolments/<int:pk>/<str:action>/", views.EnrolmentActionView.as_view(), name="enrolment_action"),
    path("rolls/", views.PaymentRollListView.as_view(), name="roll_list"),
    path("rolls/generate/", views.PaymentRollGenerateView.as_view(), name="roll_generate"),
    path("rolls/<int:pk>/", views.PaymentRollDetailView.as_view(), name="roll_detail"),
    path("rolls/<int:pk>/export/", views.PaymentRollExportView.as_view(), name="roll_export"),
    path("rolls/<int:pk>/<str:action>/", views.PaymentRollActionView.as_view(), name="roll_action"),
    path("standards/", views.StandardListView.as_view(), name="standard_list"),
    path("standards/new/", views.StandardCreateView.as_view(), name="standard_create"),
    path("certificates/", views.CertificateListView.as_view(), name="certificate_list"),
    path("certificates/new/", views.CertificateCreateView.as_view(), name="certificate_create"),
    path("certificates/<int:pk>/", views.CertificateDetailView.as_view(), name="certificate_detail"),
    path("certificates/<int:pk>/edit/", views.CertificateUpdateView.as_view(), name="certificate_update"),
    path("low-income/", views.LowIncomeListView.as_view(), name="lowincome_list"),
    path("low-income/monitoring/", views.LowIncomeMonitoringView.as_view(), name="lowincome_monitoring"),
    path("low-income/new/", views.LowIncomeCreateView.as_view(), name="lowincome_create"),
    path("low-income/<int:pk>/", views.LowIncomeDetailView.as_view(), name="lowincome_detail"),
    path("low-income/<int:pk>/<str:action>/", views.LowIncomeActionView.as_view(), name="lowincome_action"),
    path("vagrants/", views.VagrantCaseListView.as_view(), name="vagrant_list"),
    path("vagrants/new/", views.VagrantCaseCreateView.as_view(), name="vagrant_create"),
    path("vagrants/<int:pk>/", views.VagrantCaseDetailView.as_view(), name="vagrant_detail"),
    path("vagrants/<int:pk>/edit/", views.VagrantCaseUpdateView.as_view(), name="vagrant_update"),
    path("institutions/", views.WelfareInstitutionListView.as_view(), name="institution_list"),
    path("institutions/new/", views.WelfareInstitutionCreateView.as_view(), name="institution_create"),
    path("institutions/<int:pk>/", views.WelfareInstitutionDetailView.as_view(), name="institution_detail"),
    path("institutions/<int:pk>/edit/", views.WelfareInstitutionUpdateView.as_view(), name="institution_update"),
    path("ledger/", views.OneOffLedgerView.as_view(), name="ledger"),
    path("import/<str:resource>/", ImportView.as_view(app="assistance"), name="import"),
]
