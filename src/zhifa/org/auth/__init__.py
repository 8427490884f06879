"""Login (A3): password with lockout, TOTP second factor, session guard, password change, API tokens.

``services`` holds the rules (lockout, pending second factor, logout everywhere), ``views`` the pages,
``totp`` the one-time-password helpers and ``backends`` the seam for unified identity over OIDC.
"""
