"""Read queries of the base-data context (search, overviews, favourites), one module per topic."""
