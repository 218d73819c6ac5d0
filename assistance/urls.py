from django.urls import path

from assistance import imports, views

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
    path("import/<str:resource>/", imports.ImportView.as_view(), name="import"),
]
