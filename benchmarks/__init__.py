"""Benchmarks: CommunesPlone against plain Plone doing the same amount of work (ratios)."""
