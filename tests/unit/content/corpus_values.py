"""Bad-input corpus, continued: characters, dates, numbers, CSV headers and releases.lock.

Same form as ``corpus_cases``: (name, edits to the small fixture, the exact report lines).
"""

PUB = ("publish", "2014-10")
EDIT = ("replace", "progress/2014-10.yaml", "status: on-track", "status: planned")
CASES: list[tuple] = [
    (
        "control-character-escape",
        [
            (
                "replace",
                "site.yaml",
                "title: Barking and Dagenham children's services action plan",
                'title: "Barking and Dagenham\\a action plan"',
            )
        ],
        [
            (
                "content/site.yaml:1: contains a control character (U+0007), which is not "
                "allowed in text; remove it"
            ),
        ],
    ),
    (
        "c1-control-escape",
        [("replace", "plan.yaml", "title: Police protection", 'title: "Police\\x9bprotection"')],
        [
            (
                "content/plan.yaml:3: contains a control character (U+009B), which is not "
                "allowed in text; remove it"
            ),
        ],
    ),
    (
        "delete-character-escape",
        [("replace", "releases.yaml", "title: June 2014", 'title: "June\\x7f2014"')],
        [
            (
                "content/releases.yaml:4: contains a control character (U+007F), which is not "
                "allowed in text; remove it"
            ),
        ],
    ),
    (
        "noncharacter-raw",
        [
            (
                "replace",
                "plan.yaml",
                "description: Review placement stability.",
                "description: Review\ufdd0placement stability.",
            )
        ],
        [
            (
                "content/plan.yaml:52: contains a Unicode non-character (U+FDD0), which is "
                "not allowed in text; remove it"
            ),
        ],
    ),
    (
        "noncharacter-escape",
        [
            (
                "replace",
                "kpis.yaml",
                "title: Children in care council members",
                'title: "Children in care\\uFFFE council"',
            )
        ],
        [
            (
                "content/kpis.yaml:4: contains a Unicode non-character (U+FFFE), which is not "
                "allowed in text; remove it"
            ),
        ],
    ),
    (
        "noncharacter-plane-16",
        [("replace", "kpis.yaml", "unit: count", 'unit: "count\\U0010FFFF"')],
        [
            (
                "content/kpis.yaml:5: contains a Unicode non-character (U+10FFFF), which is "
                "not allowed in text; remove it"
            ),
        ],
    ),
    (
        "lone-surrogate",
        [("replace", "releases.yaml", "title: October 2014", 'title: "October \\ud800 2014"')],
        [
            (
                "content/releases.yaml:8: contains a lone surrogate (U+D800), which is not "
                "allowed in text; remove it"
            ),
        ],
    ),
    (
        "control-character-in-key",
        [
            (
                "replace",
                "progress/2014-10.yaml",
                "actions:\n",
                'actions:\n  "1.2\\x00": {status: planned}\n',
            )
        ],
        [
            (
                "content/progress/2014-10.yaml:2: contains a control character (U+0000), "
                "which is not allowed in text; remove it"
            ),
            (
                "content/progress/2014-10.yaml:2: action 1.2�: unknown action '1.2�' (not in "
                "plan.yaml)"
            ),
        ],
    ),
    (
        "noncharacter-in-block",
        [
            (
                "replace",
                "site.yaml",
                "plan_summary: The action plan answers each area for improvement.",
                "plan_summary: |\n  First line.\n  Second\ufdef line.\n",
            )
        ],
        [
            (
                "content/site.yaml:14: contains a Unicode non-character (U+FDEF), which is "
                "not allowed in text; remove it"
            ),
        ],
    ),
    (
        "control-character-in-csv-cell",
        [("append", "kpi-values.csv", "neet,2014-11-30,3\x01\n")],
        [
            (
                "content/kpi-values.csv:8: column 'value': contains a control character "
                "(U+0001), which is not allowed in text; remove it"
            ),
            ("content/kpi-values.csv:8: KPI neet: column 'value': expected a number, found '3�'"),
        ],
    ),
    (
        "control-character-in-csv-header",
        [("replace", "kpi-values.csv", "kpi,date,value", "kpi,date\x08,value")],
        [
            (
                "content/kpi-values.csv:1: column 2 of the header row contains a control "
                "character (U+0008), which is not allowed in text; remove it"
            ),
        ],
    ),
    (
        "duplicate-csv-header",
        [
            ("replace", "kpi-values.csv", "kpi,date,value\n", "kpi,date,value,value\n"),
            ("write", "kpi-values.csv", "kpi,date,value,value\nneet,2014-04-30,34,35\n"),
        ],
        [
            ("content/kpi-values.csv:1: duplicate column 'value' in the header row"),
        ],
    ),
    (
        "unnamed-csv-column",
        [("write", "kpi-values.csv", "kpi,date,value,\nneet,2014-04-30,34,\n")],
        [
            ("content/kpi-values.csv:1: column 4 of the header row has no name"),
        ],
    ),
    (
        "unknown-csv-column",
        [("write", "kpi-values.csv", "kpi,date,value,notes\nneet,2014-04-30,34,first\n")],
        [
            (
                "content/kpi-values.csv:1: unknown column(s) notes (expected: kpi, date, "
                "value, and optionally note, break, period, published)"
            ),
        ],
    ),
    (
        "tolerance-both",
        [
            (
                "replace",
                "kpis.yaml",
                'unit: "%"\n    polarity: lower\n',
                'unit: "%"\n    polarity: lower\n    tolerance: {absolute: 1, percent: 2}\n',
            )
        ],
        [
            "content/kpis.yaml:16: KPI neet: field 'tolerance': give either absolute (in the "
            "KPI's unit) or percent (of the earlier value), not both"
        ],
    ),
    (
        "tolerance-neither",
        [
            (
                "replace",
                "kpis.yaml",
                'unit: "%"\n    polarity: lower\n',
                'unit: "%"\n    polarity: lower\n    tolerance: {}\n',
            )
        ],
        [
            "content/kpis.yaml:16: KPI neet: field 'tolerance': give absolute (in the KPI's "
            "unit) or percent (of the earlier value)"
        ],
    ),
    (
        "tolerance-negative",
        [
            (
                "replace",
                "kpis.yaml",
                'unit: "%"\n    polarity: lower\n',
                'unit: "%"\n    polarity: lower\n    tolerance: {absolute: -1}\n',
            )
        ],
        [
            "content/kpis.yaml:16: KPI neet: field 'absolute': expected a number of zero or "
            "more, found a number (-1)"
        ],
    ),
    (
        "tolerance-not-a-mapping",
        [
            (
                "replace",
                "kpis.yaml",
                'unit: "%"\n    polarity: lower\n',
                'unit: "%"\n    polarity: lower\n    tolerance: 5\n',
            )
        ],
        [
            "content/kpis.yaml:16: KPI neet: field 'tolerance': expected {absolute: N} or "
            "{percent: N}"
        ],
    ),
    (
        "tolerance-not-a-number",
        [
            (
                "replace",
                "kpis.yaml",
                'unit: "%"\n    polarity: lower\n',
                'unit: "%"\n    polarity: lower\n    tolerance: {percent: 2%}\n',
            )
        ],
        ["content/kpis.yaml:16: KPI neet: field 'percent': expected a number, found '2%'"],
    ),
    (
        "kpi-value-break-and-note",
        [
            (
                "write",
                "kpi-values.csv",
                'kpi,date,value,break,note\nneet,2014-04-30,34,yes,ok\nneet,2014-09-30,28,TRUE,"a\x07b"\n',
            )
        ],
        [
            "content/kpi-values.csv:2: KPI neet: column 'break': expected true, false or "
            "nothing, found 'yes'",
            "content/kpi-values.csv:3: column 'note': contains a control character (U+0007), "
            "which is not allowed in text; remove it",
        ],
    ),
    (
        "release-date-too-early",
        [("replace", "releases.yaml", "date: 2014-06-30", "date: 1899-12-31")],
        [
            (
                "content/releases.yaml:3: release 2014-06: field 'date': 1899-12-31 is "
                "outside the dates this site accepts (1900-01-01 to 2200-12-31); check the "
                "year"
            ),
        ],
    ),
    (
        "due-date-typo-year",
        [("replace", "plan.yaml", "due: 2014-07-31", "due: 0214-07-31")],
        [
            (
                "content/plan.yaml:18: action 1.2: field 'due': 0214-07-31 is outside the "
                "dates this site accepts (1900-01-01 to 2200-12-31); check the year"
            ),
        ],
    ),
    (
        "inspection-date-too-early",
        [("replace", "site.yaml", "published: 2014-05-30", "published: 1066-10-14")],
        [
            (
                "content/site.yaml:9: inspection: field 'published': 1066-10-14 is outside "
                "the dates this site accepts (1900-01-01 to 2200-12-31); check the year"
            ),
        ],
    ),
    (
        "kpi-value-date-too-late",
        [("append", "kpi-values.csv", "neet,2201-01-01,29\n")],
        [
            (
                "content/kpi-values.csv:8: KPI neet: column 'date': 2201-01-01 is outside the "
                "dates this site accepts (1900-01-01 to 2200-12-31); check the year"
            ),
        ],
    ),
    (
        "milestone-date-too-late",
        [("replace", "kpis.yaml", "{value: 9, date: 2014-09-30}", "{value: 9, date: 9999-09-30}")],
        [
            (
                "content/kpis.yaml:9: KPI cicc-members: field 'date': 9999-09-30 is outside "
                "the dates this site accepts (1900-01-01 to 2200-12-31); check the year"
            ),
        ],
    ),
    (
        "erratum-date-too-early",
        [
            (
                "replace",
                "releases.yaml",
                "    title: January 2015\n",
                "    title: January 2015\n    published: 2015-02-01\n    errata:\n"
                "      - {date: 1815-06-18, reason: Typo., corrected: Title}\n",
            )
        ],
        [
            (
                "content/releases.yaml:17: release 2015-01: erratum: field 'date': 1815-06-18 "
                "is outside the dates this site accepts (1900-01-01 to 2200-12-31); check the "
                "year"
            ),
        ],
    ),
    (
        "decimal-comma-csv",
        [("append", "kpi-values.csv", 'neet,2014-11-30,"30,5"\n')],
        [
            (
                "content/kpi-values.csv:8: KPI neet: column 'value': expected a number, found "
                "'30,5': write numbers with a decimal point and no thousands separators, e.g. "
                "30.5 or 1234"
            ),
        ],
    ),
    (
        "thousands-comma-csv",
        [("append", "kpi-values.csv", 'neet,2014-11-30,"1,234"\n')],
        [
            (
                "content/kpi-values.csv:8: KPI neet: column 'value': expected a number, found "
                "'1,234': write numbers with a decimal point and no thousands separators, "
                "e.g. 30.5 or 1234"
            ),
        ],
    ),
    (
        "thousands-space-csv",
        [("append", "kpi-values.csv", "neet,2014-11-30,1 234\n")],
        [
            (
                "content/kpi-values.csv:8: KPI neet: column 'value': expected a number, found "
                "'1 234': write numbers with a decimal point and no thousands separators, "
                "e.g. 30.5 or 1234"
            ),
        ],
    ),
    (
        "thousands-nbsp-csv",
        [("append", "kpi-values.csv", "neet,2014-11-30,1\u00a0234\n")],
        [
            (
                "content/kpi-values.csv:8: KPI neet: column 'value': expected a number, found "
                "'1\xa0234': write numbers with a decimal point and no thousands separators, "
                "e.g. 30.5 or 1234"
            ),
        ],
    ),
    (
        "european-number-csv",
        [("append", "kpi-values.csv", 'neet,2014-11-30,"1.234,5"\n')],
        [
            (
                "content/kpi-values.csv:8: KPI neet: column 'value': expected a number, found "
                "'1.234,5': write numbers with a decimal point and no thousands separators, "
                "e.g. 30.5 or 1234"
            ),
        ],
    ),
    (
        "apostrophe-thousands-csv",
        [("append", "kpi-values.csv", "neet,2014-11-30,1'234\n")],
        [
            (
                "content/kpi-values.csv:8: KPI neet: column 'value': expected a number, found "
                "'1'234': write numbers with a decimal point and no thousands separators, "
                "e.g. 30.5 or 1234"
            ),
        ],
    ),
    (
        "decimal-comma-yaml",
        [("replace", "kpis.yaml", "target: {value: 28,", 'target: {value: "27,5",')],
        [
            (
                "content/kpis.yaml:17: KPI neet: field 'value': expected a number, found "
                "'27,5': write numbers with a decimal point and no thousands separators, e.g. "
                "30.5 or 1234"
            ),
        ],
    ),
    (
        "yaml-underscore-number",
        [("replace", "kpis.yaml", "baseline: {value: 34,", "baseline: {value: 3_4,")],
        [
            ("content/kpis.yaml:16: KPI neet: field 'value': expected a number, found '3_4'"),
        ],
    ),
    (
        "yaml-hex-number",
        [("replace", "kpis.yaml", "target: {value: 12,", "target: {value: 0x0C,")],
        [
            (
                "content/kpis.yaml:10: KPI cicc-members: field 'value': expected a number, "
                "found '0x0C'"
            ),
        ],
    ),
    (
        "yaml-sexagesimal-number",
        [
            (
                "replace",
                "kpis.yaml",
                "      - {value: 9, date: 2014-09-30}",
                "      - value: 1:30\n        date: 2014-09-30",
            )
        ],
        [
            (
                "content/kpis.yaml:9: KPI cicc-members: field 'value': expected a number, "
                "found '1:30'"
            ),
        ],
    ),
    (
        "huge-number-csv",
        [("append", "kpi-values.csv", "neet,2014-11-30,1e308\n")],
        [
            (
                "content/kpi-values.csv:8: KPI neet: column 'value': '1e308' is too large: "
                "numbers must lie between -1000000000000 and 1000000000000"
            ),
        ],
    ),
    (
        "huge-count-csv",
        [("append", "kpi-values.csv", "cicc-members,2014-11-30,10000000000000000\n")],
        [
            (
                "content/kpi-values.csv:8: KPI cicc-members: column 'value': "
                "'10000000000000000' is too large: numbers must lie between -1000000000000 "
                "and 1000000000000"
            ),
        ],
    ),
    (
        "huge-negative-yaml",
        [("replace", "kpis.yaml", "baseline: {value: 7,", "baseline: {value: -1e300,")],
        [
            (
                "content/kpis.yaml:7: KPI cicc-members: field 'value': '-1e300' is too large: "
                "numbers must lie between -1000000000000 and 1000000000000"
            ),
        ],
    ),
    (
        "nan-csv",
        [("append", "kpi-values.csv", "neet,2014-11-30,nan\n")],
        [
            ("content/kpi-values.csv:8: KPI neet: column 'value': expected a number, found 'nan'"),
        ],
    ),
    (
        "infinity-yaml",
        [("replace", "kpis.yaml", "target: {value: 28,", "target: {value: .inf,")],
        [
            ("content/kpis.yaml:17: KPI neet: field 'value': expected a number, found '.inf'"),
        ],
    ),
    (
        "lock-negative-errata",
        [PUB, ("replace", "releases.lock", '"errata": []', '"errata": -1'), EDIT],
        [
            (
                "content/releases.lock: release 2014-10: field 'errata': expected a list of "
                "errata, each with date, reason and corrected (or, in a lock made before errata "
                "were recorded, their number), found -1; restore the file from history"
            ),
        ],
    ),
    (
        "lock-errata-as-text",
        [PUB, ("replace", "releases.lock", '"errata": []', '"errata": "9"'), EDIT],
        [
            (
                "content/releases.lock: release 2014-10: field 'errata': expected a list of "
                "errata, each with date, reason and corrected (or, in a lock made before errata "
                "were recorded, their number), found '9'; restore the file from history"
            ),
        ],
    ),
    (
        "lock-errata-true",
        [PUB, ("replace", "releases.lock", '"errata": []', '"errata": true'), EDIT],
        [
            (
                "content/releases.lock: release 2014-10: field 'errata': expected a list of "
                "errata, each with date, reason and corrected (or, in a lock made before errata "
                "were recorded, their number), found true; restore the file from history"
            ),
        ],
    ),
    (
        "lock-errata-fraction",
        [PUB, ("replace", "releases.lock", '"errata": []', '"errata": 1.5'), EDIT],
        [
            (
                "content/releases.lock: release 2014-10: field 'errata': expected a list of "
                "errata, each with date, reason and corrected (or, in a lock made before errata "
                "were recorded, their number), found 1.5; restore the file from history"
            ),
        ],
    ),
    (
        "lock-missing-fingerprint",
        [PUB, ("replace", "releases.lock", '"fingerprint": ', '"fingerprint_": '), EDIT],
        [
            (
                "content/releases.lock: release 2014-10: missing field 'fingerprint'; restore "
                "the file from history"
            ),
            (
                "content/releases.lock: release 2014-10: unknown field 'fingerprint_' "
                "(expected: errata, fingerprint, items, published); restore the file from "
                "history"
            ),
        ],
    ),
    (
        "lock-fingerprint-not-hex",
        [
            PUB,
            ("replace", "releases.lock", '"fingerprint": "', '"fingerprint": "not-hex", "_fp": "'),
            EDIT,
        ],
        [
            (
                "content/releases.lock: release 2014-10: field 'fingerprint': expected 16 "
                "hexadecimal digits, found 'not-hex'; restore the file from history"
            ),
            (
                "content/releases.lock: release 2014-10: unknown field '_fp' (expected: "
                "errata, fingerprint, items, published); restore the file from history"
            ),
        ],
    ),
    (
        "lock-fingerprint-null",
        [
            PUB,
            ("replace", "releases.lock", '"fingerprint": "', '"fingerprint": null, "x": "'),
            EDIT,
        ],
        [
            (
                "content/releases.lock: release 2014-10: field 'fingerprint': expected 16 "
                "hexadecimal digits, found null; restore the file from history"
            ),
            (
                "content/releases.lock: release 2014-10: unknown field 'x' (expected: errata, "
                "fingerprint, items, published); restore the file from history"
            ),
        ],
    ),
    (
        "lock-published-not-date",
        [
            PUB,
            ("replace", "releases.lock", '"published": "2015-02-01"', '"published": "yesterday"'),
            EDIT,
        ],
        [
            (
                "content/releases.lock: release 2014-10: field 'published': expected a date "
                "as YYYY-MM-DD, found 'yesterday'; restore the file from history"
            ),
        ],
    ),
    (
        "lock-items-not-mapping",
        [PUB, ("replace", "releases.lock", '"items": {', '"items": [], "old_items": {'), EDIT],
        [
            (
                "content/releases.lock: release 2014-10: field 'items': expected a mapping of "
                "item digests, found a list; restore the file from history"
            ),
            (
                "content/releases.lock: release 2014-10: unknown field 'old_items' (expected: "
                "errata, fingerprint, items, published); restore the file from history"
            ),
        ],
    ),
    (
        "lock-item-digest-number",
        [
            PUB,
            (
                "replace",
                "releases.lock",
                '"action 1.2: description": "',
                '"action 1.2: description": 7, "_": "',
            ),
            EDIT,
        ],
        [
            (
                "content/releases.lock: release 2014-10: field 'items': the digest of 'action "
                "1.2: description' is not 16 hexadecimal digits, found 7; restore the file "
                "from history"
            ),
        ],
    ),
    (
        "lock-items-edited",
        [
            PUB,
            (
                "replace",
                "releases.lock",
                '"action 1.2: description": "',
                '"action 1.2: description": "0000000000000000", "x": "',
            ),
            EDIT,
        ],
        [
            (
                "content/releases.lock: release 2014-10: field 'items' does not match the "
                "release's fingerprint; restore the file from history"
            ),
        ],
    ),
    (
        "lock-release-not-mapping",
        [PUB, ("replace", "releases.lock", '"releases": {', '"releases": {"2014-06": [],')],
        [
            (
                "content/releases.lock: release 2014-06: expected a mapping of errata, "
                "fingerprint, items, published, found a list; restore the file from history"
            ),
        ],
    ),
    (
        "lock-not-json",
        [PUB, ("replace", "releases.lock", '"releases": {', '"releases": {,')],
        [
            (
                "content/releases.lock:2: is not valid JSON (Expecting property name enclosed "
                "in double quotes); restore the file from history"
            ),
        ],
    ),
    (
        "lock-duplicate-release",
        [PUB, ("replace", "releases.lock", '"releases": {', '"releases": {"2014-10": {},')],
        [
            ("content/releases.lock: duplicate key '2014-10'; restore the file from history"),
        ],
    ),
    (
        "lock-not-a-lock",
        [("write", "releases.lock", "[1, 2]\n")],
        [
            (
                "content/releases.lock: not a progress-site lock file (expected a mapping "
                "with 'releases'); restore the file from history"
            ),
        ],
    ),
]
