"""How a signed-in user is read for each request."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from .models import Gebruiker


class GebruikerBackend(ModelBackend):
    """Django's model backend, reading the user's role codes and organisation in the same query as the user:
    nearly every page checks a role and every page names the organisation in its header, which otherwise cost
    a query each."""

    def get_user(self, user_id):
        try:
            gebruiker = Gebruiker.met_rolcodes().select_related("organisatie").get(pk=user_id)
        except Gebruiker.DoesNotExist:
            return None
        return gebruiker if self.user_can_authenticate(gebruiker) else None
