"""URL lists of parts of the case module, included by ``zhifa.cases.urls``."""
