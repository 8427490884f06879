"""Routes of login and the account pages, included into the ``org`` namespace by ``zhifa.org.urls``."""

from django.urls import path

from . import oidc, views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/totp/", views.LoginCodeView.as_view(), name="login_totp"),
    path("login/totp/enrol/", views.TotpEnrolView.as_view(), name="totp_enrol"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("oidc/login/", oidc.OidcLoginView.as_view(), name="oidc_login"),
    path("oidc/callback/", oidc.OidcCallbackView.as_view(), name="oidc_callback"),
    path("oidc/backchannel-logout/", oidc.BackchannelLogoutView.as_view(), name="oidc_backchannel_logout"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("account/logout-everywhere/", views.LogoutEverywhereView.as_view(), name="logout_everywhere"),
    path("account/tokens/", views.TokenListView.as_view(), name="token_list"),
    path("account/tokens/<int:pk>/revoke/", views.TokenRevokeView.as_view(), name="token_revoke"),
]
