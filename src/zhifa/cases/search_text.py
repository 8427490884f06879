"""The case's searchable text: what the list's ``q`` looks in, kept on the case and gram-indexed.

``Case.search_text`` holds the case number, the cause (案由) and every party's name and 统一社会信用代码,
separated by spaces. On PostgreSQL a GIN index over its grams (``zhifa.core.search_grams``) answers
``q``, so a search no longer joins every case of the scope with its parties and their objects
(an ``icontains`` semi-join no index serves). 身份证号 are never part of it: only the list's 身份证号
filter, offered to users who may read them, looks for one.

The text is derived data, rewritten in one ``UPDATE`` from the rows themselves (``refresh_texts``,
together with the names the list shows, ``zhifa.cases.listed_names``) by every service that changes
what it holds: registration (parties), filing and the 简易程序 decision (number), the record (cause),
and a change of a party's name or code in the objects library (``connect``). Being derived, it is not
audited.
"""

from __future__ import annotations

from django.db.models import F, OuterRef, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.db.models.signals import post_save

from . import listed_names

SOURCE_FIELDS = {"name", "credit_code"}
"""The fields of an inspection object that the search text (both) and the listed names (the name) of its cases
copy."""


def search_text_expression(case_party_model):
    """SQL computing a case's search text from its row and its parties (``case_party_model``: the live or the
    historical ``CaseParty``, so that the migration filling the column uses the same expression)."""
    text = TextField()
    party = Concat(F("inspected_object__name"), Value(" "),
                   Coalesce(F("inspected_object__credit_code"), Value(""), output_field=text), output_field=text)
    parties = (
        case_party_model.objects.filter(case_id=OuterRef("pk")).order_by().values("case_id")
        .annotate(text=StringAgg(party, Value(" "))).values("text")
    )
    return Concat(F("number"), Value(" "), F("cause"), Value(" "), Coalesce(Subquery(parties), Value(""), output_field=text),
                  output_field=text)


DERIVED_FIELDS = ("search_text", "party_names", "lead_names")
"""What ``refresh_texts`` rewrites: the search text and the listed names (``zhifa.cases.listed_names``)."""


def refresh_texts(cases) -> int:
    """Rewrite the search text and the listed names of the queryset ``cases`` in one ``UPDATE`` (inside the
    caller's transaction); the number of cases. Give it the plain manager's rows: the audited one would read
    the rows before and after for columns it never records (``Case.audit_exclude``)."""
    from .models import CaseOfficer, CaseParty

    return cases.update(search_text=search_text_expression(CaseParty),
                        **listed_names.listed_names_values(CaseParty, CaseOfficer))


def refresh_case(case) -> None:
    """``refresh_texts`` for one case, keeping the instance in step, so that a later full ``save()`` of it
    writes the new texts, not the ones it was loaded with."""
    rows = type(case)._base_manager.filter(pk=case.pk)
    refresh_texts(rows)
    for name, value in zip(DERIVED_FIELDS, rows.values_list(*DERIVED_FIELDS).get(), strict=True):
        setattr(case, name, value)


def follow_party_change(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    """After an inspection object is saved (``basedata.services.objects`` is its writer), refresh the search
    text and the listed names of its cases when its name or code may have changed (a new object has no case
    yet)."""
    if created or (update_fields is not None and not SOURCE_FIELDS & set(update_fields)):
        return
    from .models import Case, CaseParty

    refresh_texts(Case._base_manager.filter(pk__in=CaseParty.objects.filter(inspected_object_id=instance.pk)
                                            .values("case_id")))


def connect() -> None:
    from zhifa.basedata.models import InspectedObject

    post_save.connect(follow_party_change, sender=InspectedObject, dispatch_uid="cases_search_text_follows_party")
