from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


def nederlands_tenzij_gekozen(get_response: Callable[[HttpRequest], HttpResponse]):
    """The portal speaks Dutch unless the user chose English with the language switch.

    The browser's Accept-Language is not followed: a Dutch government portal opens in Dutch.
    Must run before LocaleMiddleware.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return get_response(request)

    return middleware


# Requests that change nothing in the network: a raadslid may log in and out, pick a language and
# manage their own notifications.
ALLEEN_LEZEN_TOEGESTAAN = frozenset({
    "login", "logout", "set_language", "admin:logout",
    "meldingen:gelezen", "meldingen:alles_gelezen", "meldingen:voorkeuren", "meldingen:afmelden",
})


class AlleenLezenMiddleware:
    """A raadslid only reads: every POST, PUT, PATCH or DELETE from one is refused with 403.

    The views check rights themselves too; this guard also covers a future view that forgets to.
    Must run after AuthenticationMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.alleen_lezen:
            return None
        if request.resolver_match and request.resolver_match.view_name in ALLEEN_LEZEN_TOEGESTAAN:
            return None
        raise PermissionDenied(_("Als raadslid kunt u alles inzien, maar niets wijzigen. Er is niets gewijzigd."))
