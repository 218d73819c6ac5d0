from django.urls import path

from civilaffairs import views

urlpatterns = [
    path("", views.home, name="home"),
    path("account/", views.ProfileView.as_view(), name="profile"),
    path("regions/", views.RegionListView.as_view(), name="region_list"),
    path("regions/<str:pk>/", views.RegionDetailView.as_view(), name="region_detail"),
    path("persons/", views.PersonListView.as_view(), name="person_list"),
    path("persons/new/", views.PersonCreateView.as_view(), name="person_create"),
    path("persons/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("persons/<int:pk>/edit/", views.PersonUpdateView.as_view(), name="person_update"),
    path("placenames/", views.PlaceNameListView.as_view(), name="placename_list"),
    path("placenames/new/", views.PlaceNameCreateView.as_view(), name="placename_create"),
    path("placenames/<int:pk>/", views.PlaceNameDetailView.as_view(), name="placename_detail"),
    path("placenames/<int:pk>/edit/", views.PlaceNameUpdateView.as_view(), name="placename_update"),
    path("placenames/signs/", views.PlaceNameSignListView.as_view(), name="sign_list"),
    path("placenames/signs/new/", views.PlaceNameSignCreateView.as_view(), name="sign_create"),
    path("placenames/signs/<int:pk>/", views.PlaceNameSignDetailView.as_view(), name="sign_detail"),
    path("placenames/signs/<int:pk>/edit/", views.PlaceNameSignUpdateView.as_view(), name="sign_update"),
    path("placenames/markers/", views.BoundaryMarkerListView.as_view(), name="marker_list"),
    path("placenames/markers/new/", views.BoundaryMarkerCreateView.as_view(), name="marker_create"),
    path("placenames/markers/<int:pk>/", views.BoundaryMarkerDetailView.as_view(), name="marker_detail"),
    path("placenames/markers/<int:pk>/edit/", views.BoundaryMarkerUpdateView.as_view(), name="marker_update"),
    path("audit/", views.AuditLogView.as_view(), name="audit_list"),
    path("jobs/<int:pk>/", views.JobRunDetailView.as_view(), name="job_detail"),
]
