"""Bad-input corpus, continued: characters, dates, numbers and CSV headers.

Same form as ``corpus_cases``: (name, edits to the small fixture, the exact report lines).
"""

CASES: list[tuple] = []
