"""Filters of the officer list, shared by the page and the API."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone

from zhifa.core import search_grams
from zhifa.core.filtersets import ZhifaFilterSet
from zhifa.org.choices import Sector
from zhifa.org.models import Unit, User

from ..models.officers import CertificateStatus, Officer
from ..services.officers import REMINDER_DAYS, valid_on


class Validity:
    """Whether a certificate can be used today (the ``validity`` filter)."""

    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    CHOICES = (
        (VALID, "有效"),
        (EXPIRING, f"{REMINDER_DAYS}日内到期"),
        (EXPIRED, "已过期"),
        (WITHDRAWN, "暂扣或吊销"),
    )


#: Shortest search that looks for certificate holders through the users' gram index (PostgreSQL).
MIN_GRAM_SEARCH = 2
#: Most matches a search reads as one set of keys; beyond, it walks the scope in list order and tests each
#: officer, which reaches a page's 50 matches sooner the more officers match (张 in a unit where 2,000 of
#: 12,000 officers' holders have it: 29 ms by the walk, 57 ms by 2,000 keys).
KEYS_FIRST_LIMIT = 1_000
#: How far above ``KEYS_FIRST_LIMIT`` the planner's estimate of the candidates must be to skip reading them.
ESTIMATE_MARGIN = 10


class OfficerFilterSet(ZhifaFilterSet):
    """Officers by name, certificate number, unit, category, status and validity today."""

    search_fields = ("certificate_number", "user__display_name", "user__username", "issuing_authority")
    form_fields = ("q", "unit_id", "category", "status", "validity")

    user_id = django_filters.ModelMultipleChoiceFilter(field_name="user", queryset=User.objects.all(), label="用户")
    unit_id = django_filters.ModelMultipleChoiceFilter(
        field_name="unit", queryset=Unit.objects.all(), label="所属单位"
    )
    category = django_filters.ChoiceFilter(choices=Sector.choices, method="filter_category", label="执法类别")
    status = django_filters.ChoiceFilter(choices=CertificateStatus.choices, label="证件状态")
    validity = django_filters.ChoiceFilter(choices=Validity.CHOICES, method="filter_validity", label="有效情况")

    class Meta:
        model = Officer
        fields = ["status"]

    def search_condition(self, value: str) -> tuple[Q, list[str]]:
        """Certificate number or issuing authority containing the text, or the holder's name or user name.

        The holders are found among the users through the users' gram index (``zhifa.core.search_grams``):
        when the scope is a few units, among the users of those units (an officer carries its user's unit)
        through the grams of those units — on PostgreSQL whatever the length of the text
        (``one_character_by_unit_grams``); otherwise for a text of two characters or more. A single
        character (a surname such as 张) matches too large a share of the users for that: then each
        officer of the scope is joined with its user.

        For a text of two characters or more, the keys of the officers holding it in their own fields (the
        officers' gram index) and of those whose holder has it are read first (at most ``KEYS_FIRST_LIMIT``
        + 1 of them); when they are at most ``KEYS_FIRST_LIMIT``, the page looks them up by key — in each
        unit's part of the page alike — so that the database starts from the matches instead of
        walking the scope's officers in list order and testing each (a city's million officers searched
        for a word none holds: 350 ms). More matches, or one character, keep the walk, which reaches a page
        of a common text among the first rows; so does a text the database expects far more candidates for
        (``few_matching_keys``), without reading any of them.
        """
        own_fields = Q(certificate_number__icontains=value) | Q(issuing_authority__icontains=value)
        users = User.objects.using(self.queryset.db)
        partition = getattr(self.queryset, "unit_partition", None)
        if partition and partition[0] == "unit__pk":
            users = users.filter(unit__in=partition[1]).within_units("unit__pk", partition[1])
        holder = Q(display_name__icontains=value) | Q(username__icontains=value)
        by_grams = len(value) >= MIN_GRAM_SEARCH or search_grams.one_character_by_unit_grams(users)
        if not (search_grams.indexed(users) and by_grams):
            return own_fields | Q(user__display_name__icontains=value) | Q(user__username__icontains=value), []
        holder_candidates = search_grams.narrowed(users, [value])
        holders = holder_candidates.filter(holder).values("pk")
        if len(value) >= MIN_GRAM_SEARCH:
            keys = self.few_matching_keys(value, own_fields, holder_candidates, holders)
            if keys is not None:
                return Q(pk__in=keys), []
        return own_fields | Q(user__in=holders), []

    def few_matching_keys(self, value: str, own_fields: Q, holder_candidates, holders) -> list[int] | None:
        """The keys of the officers holding ``value`` in their own fields or through their holder, when they
        are at most ``KEYS_FIRST_LIMIT``; ``None`` when there are more, or when PostgreSQL's estimate from the
        gram indexes' statistics puts the candidates far above (reading the first keys of an issuing
        authority's text held by a city's million officers cost 60 ms)."""
        own_candidates = search_grams.narrowed(self.queryset.order_by(), [value])
        estimates = (search_grams.estimated_rows(candidates) for candidates in (own_candidates, holder_candidates))
        if any(estimate is not None and estimate > KEYS_FIRST_LIMIT * ESTIMATE_MARGIN for estimate in estimates):
            return None
        own = own_candidates.filter(own_fields).values("pk")
        held = Officer.objects.using(self.queryset.db).order_by().filter(user__in=holders).values("pk")
        keys = [row["pk"] for row in own.union(held, all=True).order_by()[:KEYS_FIRST_LIMIT + 1]]
        return keys if len(keys) <= KEYS_FIRST_LIMIT else None

    def filter_category(self, queryset, name, value):
        """Certificates listing ``value`` among their comma-separated categories."""
        if not value:
            return queryset
        return queryset.filter(
            Q(categories=value)
            | Q(categories__startswith=f"{value},")
            | Q(categories__endswith=f",{value}")
            | Q(categories__contains=f",{value},")
        )

    def filter_validity(self, queryset, name, value):
        today = timezone.localdate()
        if value == Validity.VALID:
            return queryset.filter(valid_on(today))
        if value == Validity.EXPIRING:
            return queryset.filter(valid_on(today), expires_on__lte=today + dt.timedelta(days=REMINDER_DAYS))
        if value == Validity.EXPIRED:
            return queryset.filter(expires_on__lt=today)
        if value == Validity.WITHDRAWN:
            return queryset.exclude(status=CertificateStatus.ACTIVE)
        return queryset
