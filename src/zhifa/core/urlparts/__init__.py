"""Route lists of the framework features, joined in zhifa.core.urls."""
