from django.urls import path

from . import views

app_name = "conferenties"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/indeling/", views.indeling, name="indeling"),
    path("<int:pk>/muur/", views.muurbericht, name="muurbericht"),
    path("tafels/<int:pk>/oogst/", views.oogst, name="oogst"),
]
