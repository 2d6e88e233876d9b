"""Upgrade steps of communesplone.eid: one module per profile version."""
