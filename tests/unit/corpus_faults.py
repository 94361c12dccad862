"""Bad-input corpus, continued: inputs that used to end in a traceback: nesting, size, odd files.

Same form as ``corpus_cases``: (name, edits to the small fixture, the exact report lines).
"""

CASES: list[tuple] = []
