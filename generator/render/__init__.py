"""Stage 3: render each release's pages as Markdown, with charts and downloads."""
