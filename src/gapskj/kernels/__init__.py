"""Arrays in, arrays out: scoring, ranking and top-K selection. Imports only the model and numpy."""
