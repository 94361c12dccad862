"""Bad-input corpus, continued: inputs that used to end in a traceback: nesting, size, odd files.

Same form as ``corpus_cases``: (name, edits to the small fixture, the exact report lines).
"""

DEEP = "nested too deeply (more than 100 levels of lists and mappings)"
TOO_LARGE = "file is too large (6000006 bytes; the limit is 5242880)"
NOT_A_FILE = "is not a regular file (a named pipe, socket or device); replace it with a file"
SELF_ALIAS = "an alias (*name) refers to the list or mapping that contains it"

CASES: list[tuple] = [
    (
        "deep-flow-lists",
        [("write", "plan.yaml", "groups: " + "[" * 100_000 + "]" * 100_000 + "\n")],
        [f"content/plan.yaml:1: {DEEP}"],
    ),
    (
        "deep-flow-mappings",
        [("write", "kpis.yaml", "kpis: " + "{a: " * 100_000 + "b" + "}" * 100_000 + "\n")],
        [f"content/kpis.yaml:1: {DEEP}"],
    ),
    (
        "deep-flow-unclosed",
        [("write", "site.yaml", "title: " + "[" * 100_000 + "\n")],
        [f"content/site.yaml:1: {DEEP}"],
    ),
    (
        "deep-block-mappings",
        [("write", "glossary.yaml", "".join("  " * i + "a:\n" for i in range(2_000)))],
        [f"content/glossary.yaml:101: {DEEP}"],
    ),
    (
        "deep-block-sequences",
        [("write", "progress/2014-10.yaml", "actions:\n  x:\n    " + "- " * 50_000 + "x\n")],
        [f"content/progress/2014-10.yaml:3: {DEEP}"],
    ),
    (
        "deep-complex-keys",
        [("write", "releases.yaml", "? " * 50_000 + "x\n")],
        [f"content/releases.yaml:1: {DEEP}"],
    ),
    (
        "self-referring-alias",
        [("write", "glossary.yaml", "MASH: &m\n  meaning: *m\n")],
        [f"content/glossary.yaml:2: {SELF_ALIAS}"],
    ),
    (
        "huge-yaml-file",
        [("write", "plan.yaml", "groups: []\n" + "#" * 5_999_995)],
        [f"content/plan.yaml: {TOO_LARGE}"],
    ),
    (
        "huge-csv-file",
        [("write", "kpi-values.csv", "kpi,date,value\n" + "," * 5_999_991)],
        [f"content/kpi-values.csv: {TOO_LARGE}"],
    ),
    (
        "named-pipe-for-a-file",
        [("mkfifo", "plan.yaml")],
        [f"content/plan.yaml: {NOT_A_FILE}"],
    ),
    (
        "directory-for-a-file",
        [("mkdir", "site.yaml")],
        ["content/site.yaml: is a directory, not a file"],
    ),
    (
        "directory-for-a-progress-file",
        [("mkdir", "progress/2015-01.yaml")],
        ["content/progress/2015-01.yaml: is a directory, not a file"],
    ),
    (
        "symlink-to-a-directory",
        [("symlink", "kpi-values.csv", "progress")],
        ["content/kpi-values.csv: is a directory, not a file"],
    ),
    (
        "dangling-symlink",
        [("symlink", "releases.yaml", "releases-old.yaml")],
        ["content/releases.yaml: is a link to releases-old.yaml, which does not exist"],
    ),
    (
        "symlink-to-a-device",
        [("symlink", "kpis.yaml", "/dev/zero")],
        ["content/kpis.yaml: points outside the content directory"],
    ),
    (
        "yaml-tags-that-do-not-fit-their-text",
        [
            ("replace", "kpis.yaml", "value: 34", "value: !!int abc"),
            ("replace", "kpis.yaml", "value: 28", "value: !!bool maybe"),
            ("replace", "releases.yaml", "date: 2014-06-30", "date: !!timestamp 2014-06-31"),
        ],
        [
            "content/kpis.yaml:16: KPI neet: field 'value': expected a number, found 'abc'",
            "content/kpis.yaml:17: KPI neet: field 'value': expected a number, found 'maybe'",
            "content/releases.yaml:3: release 2014-06: field 'date': '2014-06-31' is not a real "
            "date",
        ],
    ),
    (
        "integers-too-long-to-read",
        [
            ("replace", "kpis.yaml", "value: 34", "value: " + "9" * 5_000),
            ("replace", "kpis.yaml", "value: 28", "value: 0x" + "f" * 5_000),
        ],
        [
            "content/kpis.yaml:16: KPI neet: field 'value': "
            "'9999999999999999999999999999999999999...' is too large: numbers must lie between "
            "-1000000000000 and 1000000000000",
            "content/kpis.yaml:17: KPI neet: field 'value': expected a number, found "
            "'0xfffffffffffffffffffffffffffffffffff...'",
        ],
    ),
    (
        "lock-file-is-a-named-pipe",
        [("write", "releases.lock", "{}"), ("mkfifo", "releases.lock")],
        [f"content/releases.lock: {NOT_A_FILE}"],
    ),
    (
        "lock-file-links-to-a-device",
        [("write", "releases.lock", "{}"), ("symlink", "releases.lock", "/dev/zero")],
        [f"content/releases.lock: {NOT_A_FILE}"],
    ),
    (
        "lock-file-is-a-directory",
        [("write", "releases.lock", "{}"), ("mkdir", "releases.lock")],
        ["content/releases.lock: is a directory, not a file"],
    ),
]
