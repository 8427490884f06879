"""Password hashing: Argon2id with OWASP's minimum parameters; older hashes are upgraded at login."""

import argon2
import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password

from tests import factories
from tests.org.login_support import PASSWORD, attempt, signed_in_as
from zhifa.org.models import User

PRODUCTION_HASHERS = ["zhifa.org.passwords.OwaspArgon2PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]


@pytest.fixture
def production_hashers(settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS


def parameters(encoded: str) -> argon2.Parameters:
    return argon2.extract_parameters(encoded.removeprefix("argon2"))


def test_production_settings_use_the_owasp_hasher_first():
    from zhifa.settings import base

    assert base.PASSWORD_HASHERS == PRODUCTION_HASHERS


def test_new_hashes_are_argon2id_with_19_mib_2_passes_1_lane(production_hashers):
    params = parameters(make_password("Zhifa@2026demo"))
    assert params.type is argon2.Type.ID
    assert (params.memory_cost, params.time_cost, params.parallelism) == (19 * 1024, 2, 1)


def test_a_hash_with_the_old_parameters_is_upgraded_at_the_next_login(client, city, production_hashers):
    person = factories.user(city["yantian"], username="oldhash")
    old = Argon2PasswordHasher()
    User.objects.filter(pk=person.pk).update(password=old.encode(PASSWORD, old.salt()))
    assert parameters(User.objects.get(pk=person.pk).password).memory_cost == 102400

    attempt(client, "oldhash", PASSWORD)

    assert signed_in_as(client) == person.pk
    upgraded = User.objects.get(pk=person.pk).password
    assert (parameters(upgraded).memory_cost, parameters(upgraded).parallelism) == (19 * 1024, 1)
    client.logout()
    attempt(client, "oldhash", PASSWORD)
    assert signed_in_as(client) == person.pk


def test_a_wrong_password_leaves_the_old_hash_alone(client, city, production_hashers):
    person = factories.user(city["yantian"], username="oldhash2")
    old = Argon2PasswordHasher()
    encoded = old.encode(PASSWORD, old.salt())
    User.objects.filter(pk=person.pk).update(password=encoded)

    attempt(client, "oldhash2", "Wrong-Password-1")

    assert signed_in_as(client) is None
    assert User.objects.get(pk=person.pk).password == encoded
