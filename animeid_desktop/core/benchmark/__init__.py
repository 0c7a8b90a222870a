"""Comparing models: the benchmark runner, speed probe, result table and recommendations."""
