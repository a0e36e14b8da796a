"""Pure data types: standards, results, categories and name keys. No I/O, no language."""
