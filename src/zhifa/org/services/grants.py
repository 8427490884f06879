"""Service of explicit cross-unit grants (跨单位授权): a grantor passes on only what they hold there."""

from __future__ import annotations

from django.db import transaction

from ..authority import check_grant_actions, check_grant_region
from ..models import ScopeGrant, User


@transaction.atomic
def scope_grant_save(*, grant: ScopeGrant, actor: User | None) -> ScopeGrant:
    """Create or change ``grant`` after checking that ``actor`` may pass on each of its actions.

    A region grant reaches no further than the actor's own region; every permission of the grantee
    that the grant's actions widen must be one the actor holds over the whole unit (with its
    subordinates when the grant includes them) or region. The check reads the grantee's roles of
    today; a role added later is checked against the grant by ``zhifa.org.services.users``.
    """
    if grant.pk is not None:
        ScopeGrant.objects.select_for_update().filter(pk=grant.pk).get()
    grant.full_clean()
    check_grant_region(actor, grant.region)
    check_grant_actions(
        actor,
        grantee=grant.grantee,
        actions=grant.action_list(),
        unit=grant.unit,
        region=grant.region,
        include_subordinates=grant.include_subordinates,
    )
    grant.save()
    return grant
