"""Regiekamer: network steering (models follow with the regiekamer issue)."""
