"""Synthetic characters and the demo library built from them."""
