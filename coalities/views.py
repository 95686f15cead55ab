from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .models import Coalitie


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    coalities = Coalitie.objects.select_related("thema", "trekker")
    return render(request, "coalities/index.html", {"coalities": coalities})
