"""The test provider's own pieces: the userinfo claims and the back-channel logout sender.

django-oidc-provider has no back-channel logout, so ``backchannel_logout`` plays that part of
the provider: it signs a logout token (OpenID Connect Back-Channel Logout 1.0) with the
provider's RSA key and posts it to the relying party, answering with the relying party's status.
"""

import time
import uuid

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from oidc_provider import settings as op_settings
from oidc_provider.lib.utils.common import get_issuer
from oidc_provider.models import Client, RSAKey

BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout"


def userinfo(claims, user):
    """Standard claims of a provider user: the username is the claim 执法通 maps accounts by."""
    claims["preferred_username"] = user.username
    claims["name"] = user.get_full_name() or user.username
    return claims


@csrf_exempt
def backchannel_logout(request):
    """POST ``username``: tell the relying party that this user logged out at the provider.

    ``forge=1`` signs with a key the provider never published (the relying party must refuse it).
    """
    user = get_user_model().objects.get(username=request.POST["username"])
    client = Client.objects.get()
    sub = op_settings.get("OIDC_IDTOKEN_SUB_GENERATOR", import_str=True)(user=user)
    claims = {
        "iss": get_issuer(site_url=settings.SITE_URL),
        "aud": client.client_id,
        "iat": int(time.time()),
        "jti": uuid.uuid4().hex,
        "sub": sub,
        "events": {BACKCHANNEL_EVENT: {}},
    }
    rsakey = RSAKey.objects.get()
    key = rsakey.key
    if request.POST.get("forge"):
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": rsakey.kid})
    answer = requests.post(settings.RP_BACKCHANNEL_URL, data={"logout_token": token}, timeout=30)
    return JsonResponse({"status": answer.status_code, "body": answer.text})
