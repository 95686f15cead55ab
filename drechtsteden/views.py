from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required

from .forms import InlogForm


class InlogView(auth_views.LoginView):
    form_class = InlogForm
    redirect_authenticated_user = True


inloggen = login_not_required(InlogView.as_view())
