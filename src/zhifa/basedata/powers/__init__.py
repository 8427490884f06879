"""Power list (权责清单): filters, table and forms of the screens and the API."""
