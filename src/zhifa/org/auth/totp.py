"""Time-based one-time passwords (RFC 6238) for the second login factor, and their QR code."""

import re

import pyotp
import segno

ISSUER = "执法通"
CODE_PATTERN = re.compile(r"^\d{6}$")


def new_secret() -> str:
    """A fresh random base32 secret (160 bits)."""
    return pyotp.random_base32(length=32)


def provisioning_uri(secret: str, username: str) -> str:
    """The ``otpauth://`` URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The URI as an inline SVG QR code (no external request, works offline)."""
    return segno.make(uri, error="m").svg_inline(scale=5, border=2)


def normalise(code: str) -> str:
    """The code without the spaces or dashes people type when copying it from a phone."""
    return re.sub(r"[\s-]", "", code or "")


def verify(secret: str, code: str) -> bool:
    """True when ``code`` is the six-digit code of ``secret`` now, or one step (30 s) before or after."""
    code = normalise(code)
    if not secret or not CODE_PATTERN.match(code):
        return False
    return pyotp.TOTP(secret).verify(code, valid_window=1)
