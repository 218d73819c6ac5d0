from django.urls import path

from civilaffairs.imports import ImportView
from eldercare import views

app_name = "eldercare"

urlpatterns = [
    path("institutions/", views.InstitutionListView.as_view(), name="institution_list"),
    path("institutions/new/", views.InstitutionCreateView.as_view(), name="institution_create"),
    path("institutions/<int:pk>/", views.InstitutionDetailView.as_view(), name="institution_detail"),
    path("institutions/<int:pk>/edit/", views.InstitutionUpdateView.as_view(), name="institution_update"),
    path("facilities/", views.FacilityListView.as_view(), name="facility_list"),
    path("facilities/new/", views.FacilityCreateView.as_view(), name="facility_create"),
    path("facilities/<int:pk>/", views.FacilityDetailView.as_view(), name="facility_detail"),
    path("facilities/<int:pk>/edit/", views.FacilityUpdateView.as_view(), name="facility_update"),
    path("sites/<int:pk>/inventory/new/", views.InventoryCreateView.as_view(), name="inventory_create"),
    path("assessments/", views.AssessmentListView.as_view(), name="assessment_list"),
    path("assessments/new/", views.AssessmentCreateView.as_view(), name="assessment_create"),
    path("assessments/<int:pk>/", views.AssessmentDetailView.as_view(), name="assessment_detail"),
    path("assessments/<int:pk>/edit/", views.AssessmentUpdateView.as_view(), name="assessment_update"),
    path("elderly/", views.ElderlyListView.as_view(), name="elderly_list"),
    path("elderly/new/", views.ElderlyCreateView.as_view(), name="elderly_create"),
    path("elderly/<int:pk>/", views.ElderlyDetailView.as_view(), name="elderly_detail"),
    path("elderly/<int:pk>/edit/", views.ElderlyUpdateView.as_view(), name="elderly_update"),
    path("elderly/<int:pk>/remove/", views.ElderlyRemoveView.as_view(), name="elderly_remove"),
    path("elderly/<int:pk>/visits/new/", views.VisitCreateView.as_view(), name="visit_create"),
    path("visits/", views.VisitListView.as_view(), name="visit_list"),
    path("visits/due/", views.VisitsDueView.as_view(), name="visits_due"),
    path("visits/<int:pk>/", views.VisitDetailView.as_view(), name="visit_detail"),
    path("import/roster/", ImportView.as_view(app="eldercare", resource="roster"), name="import_roster"),
    path("import/visits/", ImportView.as_view(app="eldercare", resource="visits"), name="import_visits"),
]
