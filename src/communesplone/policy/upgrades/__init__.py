"""Upgrade steps of communesplone.policy: one module per profile version."""
