"""A tiny, separate Django site running django-oidc-provider: the identity provider of the SSO tests.

``tests/org/test_oidc.py`` starts it in its own process (``python -m tests.oidc_provider_site``)
with a private SQLite file; it is never part of 执法通.
"""
