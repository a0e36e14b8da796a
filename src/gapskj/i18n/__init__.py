"""Indonesian and English texts: the catalogue and the helpers that pick a language."""
