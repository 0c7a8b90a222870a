"""AnimeID Desktop: an offline workbench for recognising anime characters in local collections."""

__version__ = "0.1.0"
