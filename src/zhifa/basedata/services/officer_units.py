"""An officer's ``unit`` follows their user account's unit (the copy the officer list filters on)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save


def follow_user_unit(sender, instance, update_fields=None, **kwargs) -> None:
    """After a user is saved (``org.services.users`` is its writer), move their certificate along, audited."""
    from ..models.officers import Officer

    if update_fields is not None and "unit" not in update_fields:
        return  # e.g. the login time: the unit did not change
    Officer.objects.filter(user_id=instance.pk).exclude(unit_id=instance.unit_id).update(unit_id=instance.unit_id)


def connect() -> None:
    post_save.connect(follow_user_unit, sender=get_user_model(), dispatch_uid="basedata_officer_follows_user_unit")
