"""Pages of the organisation context: login, the account pages and the administration screens."""

from django.urls import path

from zhifa.core.views.generic import get_model_urls

from .views import accounts, oidc
from .views import administration  # noqa: F401  (registers the model views)

app_name = "org"

urlpatterns = [
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("login/totp/", accounts.LoginCodeView.as_view(), name="login_totp"),
    path("login/totp/enrol/", accounts.TotpEnrolView.as_view(), name="totp_enrol"),
    path("logout/", accounts.LogoutView.as_view(), name="logout"),
    path("oidc/login/", oidc.OidcLoginView.as_view(), name="oidc_login"),
    path("oidc/callback/", oidc.OidcCallbackView.as_view(), name="oidc_callback"),
    path("oidc/backchannel-logout/", oidc.BackchannelLogoutView.as_view(), name="oidc_backchannel_logout"),
    path("account/password/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("account/logout-everywhere/", accounts.LogoutEverywhereView.as_view(), name="logout_everywhere"),
    path("account/tokens/", accounts.TokenListView.as_view(), name="token_list"),
    path("account/tokens/<int:pk>/revoke/", accounts.TokenRevokeView.as_view(), name="token_revoke"),
    *get_model_urls("org", "region"),
    *get_model_urls("org", "unit"),
    *get_model_urls("org", "user"),
    *get_model_urls("org", "role"),
    *get_model_urls("org", "scopegrant", prefix="scope-grants/"),
]
