"""Routes of the test identity provider."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(template_name="login.html"), name="login"),
    path("test/backchannel-logout/", views.backchannel_logout, name="backchannel-logout"),
    path("openid/", include("oidc_provider.urls", namespace="oidc_provider")),
]
