"""Selection decisions over match results: screening, shortlist and placement, talent box."""
