from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .models import BestuurlijkeTafel


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    tafels = BestuurlijkeTafel.objects.select_related("thema")
    return render(request, "tafels/index.html", {"tafels": tafels})
