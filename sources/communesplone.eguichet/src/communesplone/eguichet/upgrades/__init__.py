"""Upgrade steps of communesplone.eguichet: one module per profile version."""
