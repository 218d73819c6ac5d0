"""Root URLconf. Each app mounts its pages under /<app>/ and its API under /api/<app>/ (STYLE: API)."""

import importlib

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from civilaffairs import views
from civilaffairs.api.views import ApiRootView

admin.site.site_header = "县民政业务系统 · 后台管理"
admin.site.site_title = "县民政业务系统"

DOMAIN_APPS = ["assistance", "eldercare", "childwelfare", "community", "funeral", "indicators"]

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("health/", views.health, name="health"),
    path("admin/", admin.site.urls),
    path("api/", ApiRootView.as_view(), name="api_root"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api_schema"), name="api_docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api_schema"), name="api_redoc"),
    path("api/core/", include("civilaffairs.api.urls")),
    path("", include("civilaffairs.urls_core")),
]

# Uploaded files (evidence, reports) are never served from MEDIA_URL: each is delivered by a view that checks
# the viewer's permission and jurisdiction.

# Domain apps plug in when they have pages / an API (the module's presence is the switch).
API_APPS = ["core"]
for app in DOMAIN_APPS:
    if importlib.util.find_spec(f"{app}.urls"):
        urlpatterns.append(path(f"{app}/", include(f"{app}.urls")))
    if importlib.util.find_spec(f"{app}.api") and importlib.util.find_spec(f"{app}.api.urls"):
        urlpatterns.append(path(f"api/{app}/", include(f"{app}.api.urls")))
        API_APPS.append(app)
