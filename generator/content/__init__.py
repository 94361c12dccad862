"""The gather phase: read the content files, check them and build the typed model."""
