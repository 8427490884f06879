"""Pages of single sign-on (统一身份认证): login through the provider, its callback, back-channel logout.

The rules (mapping the provider's user, verifying the logout token, ending sessions) are in
``zhifa.org.services.oidc``; everything answers 404 unless ``ZHIFA_OIDC_ENABLED`` is on.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import resolve_url
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from ..services import auth as services
from ..services import sessions
from ..services.oidc import LOGIN_METHOD, single_logout, verify_logout_token

NO_STORE = {"Cache-Control": "no-store"}


class OidcEnabledMixin:
    """404 unless single sign-on is switched on."""

    def dispatch(self, request, *args, **kwargs):
        if not settings.ZHIFA_OIDC_ENABLED:
            raise Http404("未开启统一身份认证")
        return super().dispatch(request, *args, **kwargs)


class OidcLoginView(OidcEnabledMixin, OIDCAuthenticationRequestView):
    """Sends the browser to the provider's login page."""


class OidcCallbackView(OidcEnabledMixin, OIDCAuthenticationCallbackView):
    """The provider sends the browser back here; a matched user is signed in like a password login."""

    def login_success(self):
        services.complete_login(self.request, self.user, method=LOGIN_METHOD)
        return HttpResponseRedirect(self.success_url)

    def login_failure(self):
        self.request.session[sessions.LOGOUT_REASON_KEY] = sessions.SSO_FAILED
        return HttpResponseRedirect(resolve_url(settings.LOGIN_URL))


@method_decorator(csrf_exempt, name="dispatch")
class BackchannelLogoutView(OidcEnabledMixin, View):
    """``POST logout_token=…`` from the provider: 200 when accepted, 400 with the reason otherwise."""

    http_method_names = ["post"]

    def post(self, request):
        try:
            claims = verify_logout_token(request.POST.get("logout_token", ""))
        except ValueError as exc:
            return JsonResponse({"error": "invalid_request", "error_description": str(exc)}, status=400,
                                headers=NO_STORE, json_dumps_params={"ensure_ascii": False})
        single_logout(issuer=claims["iss"], subject=claims.get("sub", ""), session_id=claims.get("sid", ""))
        return HttpResponse(status=200, headers=NO_STORE)
