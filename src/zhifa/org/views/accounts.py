"""Login, second factor, logout, password change, logout everywhere and API token pages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render, resolve_url
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from ..forms import accounts as forms
from ..models import ApiToken
from ..services import auth as services
from ..services import oidc, sessions, totp

no_cache = method_decorator(never_cache, name="dispatch")
sensitive = method_decorator(sensitive_post_parameters(), name="dispatch")


def safe_next(request, candidate: str) -> str:
    """``candidate`` when it points into this site, otherwise the workbench."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@no_cache
@sensitive
class LoginView(View):
    """Step one: username and password (then step two when a one-time code is required)."""

    template_name = "org/login.html"

    def get(self, request):
        next_url = safe_next(request, request.GET.get("next", ""))
        if request.user.is_authenticated:
            return redirect(next_url)
        return self.page(request, forms.LoginForm(), next_url, notice=sessions.pop_logout_message(request))

    def post(self, request):
        next_url = safe_next(request, request.POST.get("next", ""))
        form = forms.LoginForm(request.POST)
        if not form.is_valid():
            return self.page(request, form, next_url)
        result = services.password_step(
            request=request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
        )
        if result.user is None:
            return self.page(request, form, next_url, error=result.error)
        if services.second_factor_needed(result.user):
            services.begin_pending(request, result.user, next_url)
            return redirect("org:login_totp" if result.user.totp_confirmed else "org:totp_enrol")
        services.complete_login(request, result.user)
        return redirect(next_url)

    def page(self, request, form, next_url, *, error="", notice=""):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "next": next_url,
                "error": error,
                "notice": notice,
                "totp_disabled": not settings.ZHIFA_REQUIRE_ADMIN_TOTP,
                "oidc_enabled": settings.ZHIFA_OIDC_ENABLED,
                "max_failures": settings.ZHIFA_LOGIN_MAX_FAILURES,
                "lock_minutes": settings.ZHIFA_LOGIN_LOCK_MINUTES,
            },
        )


@no_cache
class LoginCodeView(View):
    """Step two: the six-digit code of a user whose authenticator is already bound."""

    template_name = "org/auth/login_totp.html"

    def dispatch(self, request, *args, **kwargs):
        self.pending_user, self.next_url = services.pending_login(request)
        if self.pending_user is None:
            messages.warning(request, services.PENDING_EXPIRED)
            return redirect("org:login")
        if not self.pending_user.totp_confirmed:
            return redirect("org:totp_enrol")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"form": forms.CodeForm(), "pending_user": self.pending_user})

    def post(self, request):
        form = forms.CodeForm(request.POST)
        error = ""
        if form.is_valid():
            error = services.code_step(request=request, user=self.pending_user, code=form.cleaned_data["code"])
            if not error:
                services.complete_login(request, self.pending_user, used_code=True)
                return redirect(self.next_url)
        context = {"form": form, "pending_user": self.pending_user, "error": error}
        context["restart"] = services.pending_login(request)[0] is None
        return render(request, self.template_name, context)


@no_cache
class TotpEnrolView(View):
    """Binding an authenticator app: QR code and secret text, confirmed by one code.

    Reached during login (password right, no bound authenticator yet) or by a signed-in user who has
    none. A bound authenticator cannot be replaced here: an administrator resets it.
    """

    template_name = "org/auth/totp_enrol.html"

    def dispatch(self, request, *args, **kwargs):
        pending_user, self.next_url = services.pending_login(request)
        self.during_login = pending_user is not None
        self.subject = pending_user or (request.user if request.user.is_authenticated else None)
        if self.subject is None:
            messages.warning(request, services.PENDING_EXPIRED)
            return redirect("org:login")
        if self.subject.totp_confirmed:
            if self.during_login:
                return redirect("org:login_totp")
            return render(request, self.template_name, {"bound": True, "during_login": False})
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.page(request, forms.CodeForm())

    def post(self, request):
        form = forms.CodeForm(request.POST)
        if form.is_valid() and services.confirm_enrolment(user=self.subject, code=form.cleaned_data["code"]):
            if self.during_login:
                services.complete_login(request, self.subject, used_code=True)
                return redirect(self.next_url)
            messages.success(request, "动态口令绑定成功，今后登录时需输入验证器中的动态口令。")
            return redirect("org:totp_enrol")
        error = "" if form.errors else services.BAD_CODE
        return self.page(request, form, error=error)

    def page(self, request, form, error=""):
        secret = services.start_enrolment(self.subject)
        uri = totp.provisioning_uri(secret, self.subject.username)
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "error": error,
                "secret": secret,
                "qr_svg": totp.qr_svg(uri),
                "otpauth_uri": uri,
                "during_login": self.during_login,
                "subject": self.subject,
            },
        )


class LogoutView(View):
    """Sign out (POST only, so that a link or an image cannot sign anyone out)."""

    http_method_names = ["post"]

    def post(self, request):
        provider_logout = oidc.provider_logout_url(request)
        services.sign_out(request)
        return redirect(provider_logout or settings.LOGOUT_REDIRECT_URL)


@no_cache
class LogoutEverywhereView(LoginRequiredMixin, View):
    """End every other session of the user (other browsers, phones) and revoke their API tokens."""

    template_name = "org/auth/logout_everywhere.html"

    def get(self, request):
        return render(request, self.template_name, {"tokens": ApiToken.objects.filter(user=request.user).count()})

    def post(self, request):
        services.logout_everywhere(request=request)
        messages.success(request, "已退出其他所有会话并撤销全部接口令牌；本会话保持登录。")
        return redirect("org:logout_everywhere")


@no_cache
@sensitive
class PasswordChangeView(LoginRequiredMixin, View):
    """Change one's own password under the password policy."""

    template_name = "org/auth/password_change.html"

    def get(self, request):
        return render(request, self.template_name, {"form": forms.PasswordChangeForm(request.user)})

    def post(self, request):
        form = forms.PasswordChangeForm(request.user, request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        services.change_password(request=request, user=request.user, new_password=form.cleaned_data["new_password1"])
        messages.success(request, "密码已修改。其他设备上的登录已失效，接口令牌已全部撤销。")
        return redirect("org:password_change")


@no_cache
class TokenListView(LoginRequiredMixin, View):
    """The user's own API tokens: create (the key is shown once), list, revoke."""

    template_name = "org/auth/token_list.html"

    def get(self, request):
        return self.page(request, forms.TokenForm())

    def post(self, request):
        form = forms.TokenForm(request.POST)
        if not form.is_valid():
            return self.page(request, form)
        token, key = services.token_issue(
            user=request.user, name=form.cleaned_data["name"], valid_days=form.cleaned_data["valid_days"]
        )
        return self.page(request, forms.TokenForm(), new_token=token, new_key=key)

    def page(self, request, form, **extra):
        tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
        return render(request, self.template_name, {"form": form, "tokens": tokens, **extra})


class TokenRevokeView(LoginRequiredMixin, View):
    """Revoke (delete) one of the user's own tokens."""

    http_method_names = ["post"]

    def post(self, request, pk):
        token = services.token_revoke(user=request.user, token_id=pk)
        if token is None:
            messages.error(request, "令牌不存在或已撤销。")
        else:
            messages.success(request, f"令牌“{token.name}”已撤销，使用它的程序将无法再访问接口。")
        return redirect("org:token_list")
