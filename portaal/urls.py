from django.urls import path

from . import views

# No app_name: "home" and "systeemstatus" are the portal's own top-level names.
urlpatterns = [
    path("", views.home, name="home"),
    path("status/", views.status, name="status"),
    path("systeemstatus/", views.systeemstatus, name="systeemstatus"),
    path("systeemstatus/<uuid:task_id>/", views.systeemstatus_antwoord, name="systeemstatus_antwoord"),
]
