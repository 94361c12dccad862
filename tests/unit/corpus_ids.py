"""Bad-input corpus, continued: ids that collide on a page or on disk, or are too long.

Same form as ``corpus_cases``: (name, edits to the small fixture, the exact report lines).
"""

CASES: list[tuple] = []
