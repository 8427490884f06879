"""Forms of the login pages and the account pages (password, tokens)."""

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation

from ..services import totp

TOKEN_VALIDITY_CHOICES = [(30, "30 天"), (90, "90 天"), (180, "180 天"), (365, "1 年")]


class StyledForm(forms.Form):
    """Adds Tabler's input classes, marking fields with errors as invalid once the form was checked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] += " is-invalid"


class LoginForm(StyledForm):
    """Username and password; the checks with side effects (lockout) live in the services."""

    username = forms.CharField(
        label="用户名",
        max_length=150,
        error_messages={"required": "请输入用户名。"},
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autocapitalize": "none", "autocorrect": "off", "autofocus": True}
        ),
    )
    password = forms.CharField(
        label="密码",
        strip=False,
        error_messages={"required": "请输入密码。"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(StyledForm):
    """The six-digit one-time code from the authenticator app."""

    code = forms.CharField(
        label="动态口令",
        max_length=12,
        error_messages={"required": "请输入动态口令。"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": r"[0-9 ]*", "autofocus": True}
        ),
    )

    def clean_code(self):
        code = totp.normalise(self.cleaned_data["code"])
        if not totp.CODE_PATTERN.match(code):
            raise forms.ValidationError("动态口令应为 6 位数字。")
        return code


class PasswordChangeForm(StyledForm):
    """Current password, then the new one twice; the new one must satisfy the password policy."""

    old_password = forms.CharField(
        label="当前密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    new_password1 = forms.CharField(
        label="新密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html,
    )
    new_password2 = forms.CharField(
        label="再次输入新密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = f"请填写{field.label}。"

    def clean_old_password(self):
        value = self.cleaned_data["old_password"]
        if not self.user.check_password(value):
            raise forms.ValidationError("当前密码不正确。")
        return value

    def clean_new_password2(self):
        first = self.cleaned_data.get("new_password1")
        second = self.cleaned_data["new_password2"]
        if first and first != second:
            raise forms.ValidationError("两次输入的新密码不一致。")
        return second

    def clean(self):
        cleaned = super().clean()
        new = cleaned.get("new_password1")
        if new:
            if new == cleaned.get("old_password"):
                self.add_error("new_password1", "新密码不能与当前密码相同。")
            else:
                try:
                    password_validation.validate_password(new, self.user)
                except forms.ValidationError as error:
                    self.add_error("new_password1", error)
        return cleaned


class TokenForm(StyledForm):
    """Purpose and validity of a new API token; every token expires (at most ``ZHIFA_API_TOKEN_MAX_DAYS``)."""

    name = forms.CharField(
        label="用途",
        max_length=100,
        error_messages={"required": "请填写令牌用途，例如“移动执法终端同步”。"},
        widget=forms.TextInput(attrs={"placeholder": "例如：移动执法终端同步"}),
    )
    valid_days = forms.TypedChoiceField(label="有效期", choices=(), coerce=int, initial=90)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = settings.ZHIFA_API_TOKEN_MAX_DAYS
        choices = [(days, label) for days, label in TOKEN_VALIDITY_CHOICES if days <= limit]
        if not any(days == limit for days, _label in choices):
            choices.append((limit, f"{limit} 天（最长）"))
        self.fields["valid_days"].choices = choices
