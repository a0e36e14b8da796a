"""Matching: candidates against positions, for a selection (``match``) or a whole pool."""
