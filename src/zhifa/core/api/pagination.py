"""Server-side pagination for every API list."""

from rest_framework.pagination import PageNumberPagination


class ZhifaPagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500
