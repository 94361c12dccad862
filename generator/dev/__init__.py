"""Developer tools: the benchmark and its synthetic content."""
