"""``{% usercached %}``: a part of a page rendered once per user and kept until the access data change.

::

    {% load zhifa_cache %}
    {% usercached "sidebar" menu.active_url %} … {% endusercached %}

The block's HTML is kept in the process cache of ``zhifa.core.usercache`` under the request's user,
the name and the keys, and dropped with everything else of that cache when the access token
changes (roles, permissions, units, the user's own record …). So the block may depend only on the
user, on data the token covers and on its keys. A key that resolves to ``None`` renders the block
without keeping it (e.g. a filter card with errors). A block holding ``{% csrf_token %}`` is refused
when the template is compiled: the token is per session and must not be shared through the cache.
"""

from __future__ import annotations

from django import template
from django.template.defaulttags import CsrfTokenNode

from zhifa.core import usercache

register = template.Library()


class UserCachedNode(template.Node):
    """The ``{% usercached %}`` block (see the module docstring)."""

    def __init__(self, nodelist, name, keys):
        self.nodelist = nodelist
        self.name = name
        self.keys = keys

    def render(self, context):
        request = context.get("request")
        user = getattr(request, "user", None)
        keys = tuple(key.resolve(context) for key in self.keys)
        if user is None or not user.is_authenticated or None in keys:
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        return usercache.cached(user, f"fragment:{name}", lambda: self.nodelist.render(context), *keys)


@register.tag
def usercached(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("usercached 需要一个名称")
    nodelist = parser.parse(("endusercached",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(CsrfTokenNode):
        raise template.TemplateSyntaxError("usercached 块中不能含有 csrf_token")
    return UserCachedNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]])
