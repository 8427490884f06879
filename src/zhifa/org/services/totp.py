"""Time-based one-time passwords (RFC 6238) for the second login factor, and their QR code."""

import hmac
import re
import time

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


def matching_step(secret: str, code: str, *, after: int | None = None) -> int | None:
    """The time step (30 s) whose code is ``code``: now, or one step before or after; ``None`` if none.

    Steps up to ``after`` (the last step this user already signed in with) never match, so a code
    that was used once cannot be used again, even within its window.
    """
    code = normalise(code)
    if not secret or not CODE_PATTERN.match(code):
        return None
    generator = pyotp.TOTP(secret)
    now = int(time.time()) // generator.interval
    for step in (now - 1, now, now + 1):
        if (after is None or step > after) and hmac.compare_digest(generator.generate_otp(step), code):
            return step
    return None
