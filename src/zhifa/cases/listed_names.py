"""The names the case list shows, kept on the case row: its parties' (当事人) and its 主办 officers'.

The list reads them as two columns of the case (``Case.party_names``, ``Case.lead_names``) instead of two
sub-selects per shown row, whose planning and running cost the page about as much as reading its cases. They
are derived data (like the search text, not audited), rewritten in one ``UPDATE`` from the rows themselves
by every writer of what they hold: registration and a change of 承办人 (``search_text.refresh_case``), a party
renamed in the objects library (``search_text.follow_party_change``, with the search text), and a user renamed
or an officer record moved to another user (``refresh_listed_names``, through the receivers of ``connect``).
The names are joined with "、" in the order the rows were added to the case.
"""

from __future__ import annotations

from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_save

from .choices import OfficerRole

USER_NAME_FIELDS = {"display_name", "username"}
"""The fields of a user that an officer's listed name is made of."""


def listed_names_values(case_party_model, case_officer_model) -> dict:
    """``UPDATE`` values computing a case's ``party_names`` and ``lead_names`` from its rows (the models are
    given so that a migration uses its historical ones)."""
    from .listing import JoinedNames, officer_name

    parties = JoinedNames(case_party_model.objects.all(), F("inspected_object__name"))
    leads = JoinedNames(case_officer_model.objects.filter(role=OfficerRole.LEAD), officer_name())
    return {"party_names": Coalesce(parties, Value("")), "lead_names": Coalesce(leads, Value(""))}


def refresh_listed_names(cases) -> int:
    """Rewrite the listed names of the queryset ``cases`` (inside the caller's transaction); the number of cases."""
    from .models import CaseOfficer, CaseParty

    return cases.update(**listed_names_values(CaseParty, CaseOfficer))


def follow_user_change(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    """After a user is saved (a sign-in saves only ``last_login``), rewrite the listed names of the cases whose
    主办 officer they are when their display name or username may have changed."""
    if created or (update_fields is not None and not USER_NAME_FIELDS & set(update_fields)):
        return
    _refresh_cases_led_by(officer__user_id=instance.pk)


def follow_officer_change(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    """After an officer record is saved, rewrite the listed names of its cases when it may name another user."""
    if created or (update_fields is not None and "user" not in update_fields):
        return
    _refresh_cases_led_by(officer_id=instance.pk)


def _refresh_cases_led_by(**officer) -> None:
    """``refresh_listed_names`` of the cases whose 主办 officer matches ``officer`` (a lookup of ``CaseOfficer``)."""
    from .models import Case, CaseOfficer

    leads = CaseOfficer.objects.filter(role=OfficerRole.LEAD, **officer).values("case_id")
    refresh_listed_names(Case._base_manager.filter(pk__in=leads))


def connect() -> None:
    from django.contrib.auth import get_user_model

    from zhifa.basedata.models import Officer

    post_save.connect(follow_user_change, sender=get_user_model(), dispatch_uid="cases_listed_names_follow_user")
    post_save.connect(follow_officer_change, sender=Officer, dispatch_uid="cases_listed_names_follow_officer")
