"""Upgrade steps of communesplone.booking: one module per profile version."""
