"""RestrictedQuerySet: the single permission gate for every queryset that reaches a user."""

from django.db import models

from .gate import restrict_queryset


class RestrictedQuerySet(models.QuerySet):
    """A queryset that can be narrowed to what a user may do (NetBox's ``restrict`` idea)."""

    def restrict(self, user, action: str = "view"):
        """Rows of this queryset on which ``user`` may perform ``action`` (view/add/change/delete).

        Applies the role permission for the action and the union of the data scopes of the roles
        that grant it, plus explicit cross-unit grants. No permission means no rows.
        """
        return restrict_queryset(self, user, action)


RestrictedManager = models.Manager.from_queryset(RestrictedQuerySet)
