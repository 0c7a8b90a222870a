"""Curating a library: clusters of unlabelled images, duplicate review, what to label next, attribute heads, health."""
