from django.urls import path

from civilaffairs.imports import ImportView
from community import views

app_name = "community"


def crud(prefix: str, name: str, list_view, create_view, detail_view, update_view=None) -> list:
    patterns = [
        path(f"{prefix}/", list_view.as_view(), name=f"{name}_list"),
        path(f"{prefix}/new/", create_view.as_view(), name=f"{name}_create"),
        path(f"{prefix}/<int:pk>/", detail_view.as_view(), name=f"{name}_detail"),
    ]
    if update_view is not None:
        patterns.append(path(f"{prefix}/<int:pk>/edit/", update_view.as_view(), name=f"{name}_update"))
    return patterns


urlpatterns = [
    *crud(
        "facilities",
        "facility",
        views.FacilityListView,
        views.FacilityCreateView,
        views.FacilityDetailView,
        views.FacilityUpdateView,
    ),
    *crud(
        "stations",
        "station",
        views.VolunteerStationListView,
        views.VolunteerStationCreateView,
        views.VolunteerStationDetailView,
        views.VolunteerStationUpdateView,
    ),
    *crud(
        "platforms",
        "platform",
        views.PlatformAccessListView,
        views.PlatformAccessCreateView,
        views.PlatformAccessDetailView,
        views.PlatformAccessUpdateView,
    ),
    *crud(
        "rural-communities",
        "designation",
        views.DesignationListView,
        views.DesignationCreateView,
        views.DesignationDetailView,
        views.DesignationUpdateView,
    ),
    *crud(
        "organisations",
        "org",
        views.SocialOrganizationListView,
        views.SocialOrganizationCreateView,
        views.SocialOrganizationDetailView,
        views.SocialOrganizationUpdateView,
    ),
    path("organisations/<int:pk>/end/", views.SocialOrganizationEndView.as_view(), name="org_end"),
    *crud(
        "annual-reports",
        "report",
        views.AnnualReportListView,
        views.AnnualReportEditView,
        views.AnnualReportDetailView,
        views.AnnualReportUpdateView,
    ),
    path("annual-reports/<int:pk>/review/", views.AnnualReportReviewView.as_view(), name="report_review"),
    *crud(
        "incubation-centres",
        "centre",
        views.IncubationCentreListView,
        views.IncubationCentreCreateView,
        views.IncubationCentreDetailView,
        views.IncubationCentreUpdateView,
    ),
    *crud(
        "social-workers",
        "worker",
        views.SocialWorkerListView,
        views.SocialWorkerCreateView,
        views.SocialWorkerDetailView,
        views.SocialWorkerUpdateView,
    ),
    path("social-workers/<int:pk>/transfer/", views.SocialWorkerTransferView.as_view(), name="worker_transfer"),
    path("volunteers/import/", ImportView.as_view(app="community", resource="volunteers"), name="volunteer_import"),
    *crud(
        "volunteers",
        "volunteer",
        views.VolunteerListView,
        views.VolunteerCreateView,
        views.VolunteerDetailView,
        views.VolunteerUpdateView,
    ),
    *crud(
        "donations",
        "donation",
        views.DonationListView,
        views.DonationCreateView,
        views.DonationDetailView,
        views.DonationUpdateView,
    ),
    *crud(
        "lottery-outlets",
        "outlet",
        views.LotteryOutletListView,
        views.LotteryOutletCreateView,
        views.LotteryOutletDetailView,
        views.LotteryOutletUpdateView,
    ),
    path("lottery-sales/", views.SalesReturnListView.as_view(), name="sales_list"),
    path("lottery-sales/new/", views.SalesReturnCreateView.as_view(), name="sales_create"),
    path("lottery-sales/import/", ImportView.as_view(app="community", resource="sales"), name="sales_import"),
]
