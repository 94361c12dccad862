"""The derive phase: what the content means: release views, comparisons, judgements."""
