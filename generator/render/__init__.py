"""The render phase: each release's pages as Markdown, with charts and downloads."""
