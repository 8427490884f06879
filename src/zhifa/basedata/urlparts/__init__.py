"""URL lists of parts of the base-data context, included by ``zhifa.basedata.urls``."""
