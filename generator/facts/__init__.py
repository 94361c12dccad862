"""Stage 2: derive what the content means: release views, comparisons, judgements."""
