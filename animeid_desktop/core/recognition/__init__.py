"""Recognising pictures with a saved model: top-k, the unknown state, views."""
