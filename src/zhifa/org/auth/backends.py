"""Seam for unified identity (省统一身份认证) over OpenID Connect — not implemented in this version.

Today every login is a password (``zhifa.org.backends.RoleBackend``) plus, for administrators, a
TOTP code (``zhifa.org.auth.services``). The provincial unified identity platform will plug in here:

* an ``OidcBackend(ModelBackend)`` in this module whose ``authenticate(request, claims=...)`` maps
  the verified ID-token claims (subject, 身份证号 or 工号) to exactly one active ``org.User``; it
  never creates users or roles (accounts and roles stay administered in 执法通);
* two views in ``zhifa.org.auth.views`` (redirect to the provider, callback with state, nonce and
  PKCE) that end in ``services.complete_login``, so the lockout reset, session stamps and the
  ``login`` audit row stay identical to password logins;
* the backend's dotted path appended to ``AUTHENTICATION_BACKENDS``.

The switch is the setting ``ZHIFA_OIDC_ENABLED``; the provider is named by ``ZHIFA_OIDC_ISSUER``,
``ZHIFA_OIDC_CLIENT_ID`` and ``ZHIFA_OIDC_CLIENT_SECRET`` (environment only). Turning the switch on
without them stops the start-up with a Chinese message naming the missing variable.
"""
