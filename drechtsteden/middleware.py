from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


def nederlands_tenzij_gekozen(get_response: Callable[[HttpRequest], HttpResponse]):
    """The portal speaks Dutch unless the user chose English with the language switch.

    The browser's Accept-Language is not followed: a Dutch government portal opens in Dutch.
    Must run before LocaleMiddleware.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return get_response(request)

    return middleware
