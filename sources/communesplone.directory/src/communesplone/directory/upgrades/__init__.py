"""Upgrade steps of communesplone.directory: one module per profile version."""
