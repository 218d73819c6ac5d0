from django.urls import path

from civilaffairs.imports import ImportView
from funeral import views

app_name = "funeral"

urlpatterns = [
    path("facilities/", views.FacilityListView.as_view(), name="facility_list"),
    path("facilities/new/", views.FacilityCreateView.as_view(), name="facility_create"),
    path("facilities/<int:pk>/", views.FacilityDetailView.as_view(), name="facility_detail"),
    path("facilities/<int:pk>/edit/", views.FacilityUpdateView.as_view(), name="facility_update"),
    path("zones/", views.ZoneListView.as_view(), name="zone_list"),
    path("zones/new/", views.ZoneCreateView.as_view(), name="zone_create"),
    path("zones/<int:pk>/", views.ZoneDetailView.as_view(), name="zone_detail"),
    path("cremators/", views.CrematorListView.as_view(), name="cremator_list"),
    path("cremators/new/", views.CrematorCreateView.as_view(), name="cremator_create"),
    path("cremators/<int:pk>/", views.CrematorDetailView.as_view(), name="cremator_detail"),
    path("cremators/<int:pk>/edit/", views.CrematorUpdateView.as_view(), name="cremator_update"),
    path("cremators/<int:pk>/tests/new/", views.EmissionTestCreateView.as_view(), name="cremator_test"),
    path("cremators/<int:pk>/decommission/", views.CrematorDecommissionView.as_view(), name="cremator_decommission"),
    path("projects/", views.ProjectListView.as_view(), name="project_list"),
    path("projects/new/", views.ProjectCreateView.as_view(), name="project_create"),
    path("projects/<int:pk>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("projects/<int:pk>/edit/", views.ProjectUpdateView.as_view(), name="project_update"),
    path("marriage/offices/", views.OfficeListView.as_view(), name="office_list"),
    path("marriage/offices/new/", views.OfficeCreateView.as_view(), name="office_create"),
    path("marriage/offices/<int:pk>/", views.OfficeDetailView.as_view(), name="office_detail"),
    path("marriage/offices/<int:pk>/edit/", views.OfficeUpdateView.as_view(), name="office_update"),
    path(
        "marriage/offices/<int:pk>/cross-province/",
        views.CrossProvinceEnableView.as_view(),
        name="office_cross_province",
    ),
    path(
        "marriage/cross-province/<int:pk>/suspend/",
        views.CrossProvinceSuspendView.as_view(),
        name="cross_province_suspend",
    ),
    path("marriage/counts/", views.CountListView.as_view(), name="count_list"),
    path("marriage/counts/new/", views.CountCreateView.as_view(), name="count_create"),
    path("marriage/counts/import/", ImportView.as_view(app="funeral", resource="counts"), name="count_import"),
]
