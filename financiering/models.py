"""Financiering in three components (models follow with the financiering issue)."""
