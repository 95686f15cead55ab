from django.urls import path

from . import views

# No app_name: "home" and "systeemstatus" are the portal's own top-level names.
urlpatterns = [
    path("", views.home, name="home"),
    path("netwerk/", views.netwerk, name="netwerk"),
    path("mijn/netwerk/export.csv", views.netwerk_export, name="netwerk_export"),
    path("mijn/<slug:soort>/", views.mijn_dashboard, name="dashboard"),
    path("mijn/toezeggingen/<slug:lijst>/", views.te_doen_lijst, name="te_doen_lijst"),
    path("status/", views.status, name="status"),
    path("toegankelijkheid/", views.over_het_portaal, {"pagina": "toegankelijkheid"}, name="toegankelijkheid"),
    path("privacy/", views.over_het_portaal, {"pagina": "privacy"}, name="privacy"),
    path("contact/", views.over_het_portaal, {"pagina": "contact"}, name="contact"),
    path("systeemstatus/", views.systeemstatus, name="systeemstatus"),
    path("systeemstatus/<uuid:task_id>/", views.systeemstatus_antwoord, name="systeemstatus_antwoord"),
    path("groeiperspectief/", views.groeiperspectief, name="groeiperspectief"),
    path("groeiperspectief/pdf/", views.groeiperspectief_pdf, name="groeiperspectief_pdf"),
    path("raadsinformatie/<int:pk>/", views.raadsinformatie, name="raadsinformatie"),
    path("raadsinformatie/<int:pk>/pdf/", views.raadsinformatie_pdf, name="raadsinformatie_pdf"),
]
