"""Views registered per model and action become URL patterns with predictable names and routes."""

from django.urls import reverse

from zhifa.core.views.generic import model_url, registered_actions
from zhifa.org.models import Region, User


def test_standard_and_custom_actions_get_their_routes():
    assert reverse("org:user_list") == "/org/users/"
    assert reverse("org:user_bulk_edit") == "/org/users/edit/"
    assert reverse("org:user_edit", args=[7]) == "/org/users/7/edit/"
    assert reverse("org:user_deactivate", args=[7]) == "/org/users/7/deactivate/"
    assert reverse("org:scopegrant_detail", args=[7]) == "/org/scope-grants/7/"


def test_only_registered_actions_have_urls():
    assert registered_actions(Region) == {"list", "detail", "export"}
    assert model_url(Region, "edit") is None
    assert model_url(User, "import") == "/org/users/import/"
