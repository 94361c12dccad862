"""Stage 1: read the content files, check them and build the typed model."""
