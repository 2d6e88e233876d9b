"""Upgrade steps of communesplone.core: one module per profile version."""
