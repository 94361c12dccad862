"""The bad-input corpus: each case is a mutation of the small fixture and the exact report.

Every case must exit 1, name the file and the place of each problem, and show no traceback.
"""

CASES = [
    (
        "yaml-syntax",
        [("replace", "plan.yaml", "groups:\n", "groups: [\n")],
        [
            "content/plan.yaml:2: YAML syntax error: while parsing a flow node, expected the node "
            "content, but found '-'"
        ],
    ),
    (
        "tab-indentation",
        [("replace", "plan.yaml", "  - id: aip-8", "\t- id: aip-8")],
        [
            "content/plan.yaml:4: YAML syntax error: tab character in indentation (indent with "
            "spaces)"
        ],
    ),
    (
        "duplicate-key",
        [("replace", "site.yaml", "title: Barking", "title: One\ntitle: Barking")],
        ["content/site.yaml:2: duplicate key 'title' (each key may appear only once)"],
    ),
    (
        "empty-file",
        [("write", "plan.yaml", "")],
        ["content/plan.yaml: file is empty"],
    ),
    (
        "not-utf8",
        [("write_bytes", "site.yaml", b"title: Caf\xe9\n")],
        ["content/site.yaml:1: is not valid UTF-8 text (byte 0xe9); save the file as UTF-8"],
    ),
    (
        "huge-value",
        [("replace", "site.yaml", "plan_summary: The", "HUGE")],
        [
            "content/site.yaml:12: a value of 2,100,051 characters, longer than the 100,000 a "
            "value may have: shorten it, or link to the full text"
        ],
    ),
    (
        "alias-bomb",
        [
            (
                "write",
                "glossary.yaml",
                "a: &a [x, x, x, x, x, x, x, x, x]\n"
                "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n",
            )
        ],
        [
            "content/glossary.yaml:1: value too large or too deeply nested (check for runaway "
            "aliases)"
        ],
    ),
    (
        "top-level-list",
        [("write", "kpis.yaml", "- id: x\n")],
        ["content/kpis.yaml:1: expected a mapping of fields"],
    ),
    (
        "missing-title",
        [
            (
                "replace",
                "site.yaml",
                "title: Barking and Dagenham children's services action plan\n",
                "",
            )
        ],
        ["content/site.yaml:1: missing required field 'title'"],
    ),
    (
        "title-is-a-list",
        [
            (
                "replace",
                "site.yaml",
                "title: Barking and Dagenham children's services action plan",
                "title: [a, b]",
            )
        ],
        ["content/site.yaml:1: field 'title': expected text, found a list"],
    ),
    (
        "groups-is-a-mapping",
        [("replace", "plan.yaml", "groups: [aip-1]", "groups: {aip: 1}")],
        [
            "content/plan.yaml:11: recommendation 1: field 'groups': expected a list, found a "
            "mapping"
        ],
    ),
    (
        "missing-description",
        [
            (
                "replace",
                "plan.yaml",
                "        description: Develop a police protection strategy and revise the "
                "protocol.\n",
                "",
            )
        ],
        ["content/plan.yaml:13: action 1.2: missing required field 'description'"],
    ),
    (
        "unknown-field",
        [
            (
                "replace",
                "plan.yaml",
                "        timescale: July 2014",
                "        timescale: July 2014\n        colour: red",
            )
        ],
        [
            "content/plan.yaml:18: action 1.2: unknown field 'colour' (expected one of: id, "
            "title, description, lead, strategic_lead, operational_lead, resources, timescale, "
            "start, due, kpis, outcome, added, withdrawn)"
        ],
    ),
    (
        "kpi-with-unknown-polarity",
        [("replace", "kpis.yaml", "    polarity: higher\n", "    polarity: up\n")],
        [
            "content/kpis.yaml:6: KPI cicc-members: field 'polarity': expected one of higher, "
            "lower, neutral, found 'up'"
        ],
    ),
    (
        "status-without-label",
        [
            (
                "replace",
                "site.yaml",
                "{id: completed, label: Completed, meaning: complete}",
                "{id: completed, meaning: complete}",
            )
        ],
        ["content/site.yaml:14: status 'completed': missing required field 'label'"],
    ),
    (
        "draft-not-boolean",
        [
            (
                "replace",
                "releases.yaml",
                "    title: January 2015",
                "    title: January 2015\n    draft: maybe",
            )
        ],
        [
            "content/releases.yaml:15: release 2015-01: field 'draft': expected true or false, "
            "found 'maybe'"
        ],
    ),
    (
        "duplicate-group",
        [("replace", "plan.yaml", "  - id: aip-8", "  - id: aip-1")],
        [
            "content/plan.yaml:4: area for improvement aip-1: duplicate area for improvement id "
            "'aip-1' (first defined on line 2)",
            "content/plan.yaml:35: recommendation 8: unknown area for improvement 'aip-8' (known: "
            "aip-1, aip-9)",
        ],
    ),
    (
        "duplicate-recommendation",
        [("replace", "plan.yaml", "  - id: 8\n", "  - id: 1\n")],
        [
            "content/plan.yaml:33: recommendation 1: duplicate recommendation id '1' (first "
            "defined on line 9)",
            "content/progress/2014-06.yaml:4: action 8.1: unknown action '8.1' (not in plan.yaml)",
            "content/progress/2014-10.yaml:6: action 8.1: unknown action '8.1' (not in plan.yaml)",
            "content/progress/2015-01.yaml:11: action 8.1: unknown action '8.1' (not in plan.yaml)",
        ],
    ),
    (
        "duplicate-action-across-recommendations",
        [("replace", "plan.yaml", "      - id: 8.1", "      - id: 1.2")],
        [
            "content/plan.yaml:37: action 1.2: duplicate action id '1.2' (first defined on line "
            "13)",
            "content/progress/2014-06.yaml:4: action 8.1: unknown action '8.1' (not in plan.yaml)",
            "content/progress/2014-10.yaml:6: action 8.1: unknown action '8.1' (not in plan.yaml)",
            "content/progress/2015-01.yaml:11: action 8.1: unknown action '8.1' (not in plan.yaml)",
        ],
    ),
    (
        "duplicate-kpi",
        [("replace", "kpis.yaml", "  - id: neet", "  - id: cicc-members")],
        [
            "content/kpi-values.csv:4: KPI neet: unknown KPI 'neet' (known: cicc-members)",
            "content/kpi-values.csv:5: KPI neet: unknown KPI 'neet' (known: cicc-members)",
            "content/kpi-values.csv:7: KPI neet: unknown KPI 'neet' (known: cicc-members)",
            "content/kpis.yaml:11: KPI cicc-members: duplicate KPI id 'cicc-members' (first "
            "defined on line 2)",
            "content/plan.yaml:70: action 13.2: unknown KPI 'neet' (known: cicc-members)",
        ],
    ),
    (
        "duplicate-release",
        [("replace", "releases.yaml", "  - id: 2014-10", "  - id: 2014-06")],
        [
            "content/plan.yaml:47: recommendation 13: field 'release': unknown release '2014-10' "
            "(known: 2014-06, 2015-01)",
            "content/plan.yaml:58: recommendation 14: field 'release': unknown release '2014-10' "
            "(known: 2014-06, 2015-01)",
            "content/plan.yaml:63: recommendation 13/14: field 'added': unknown release '2014-10' "
            "(known: 2014-06, 2015-01)",
            "content/progress/2014-10.yaml: no release '2014-10' in releases.yaml (known: "
            "2014-06, 2015-01)",
            "content/releases.yaml:6: release 2014-06: duplicate release id '2014-06' (first "
            "defined on line 2)",
        ],
    ),
    (
        "duplicate-status",
        [("replace", "site.yaml", "{id: due, label: Due", "{id: planned, label: Due")],
        [
            "content/site.yaml:18: status 'planned': duplicate status id 'planned' (first defined "
            "on line 17)"
        ],
    ),
    (
        "duplicate-progress-entry",
        [
            (
                "replace",
                "progress/2014-06.yaml",
                "  8.1: {status: planned}",
                "  8.1: {status: planned}\n  8.1: {status: due}",
            )
        ],
        ["content/progress/2014-06.yaml:5: duplicate key '8.1' (each key may appear only once)"],
    ),
    (
        "unknown-group",
        [("replace", "plan.yaml", "groups: [aip-1]", "groups: [aip-7]")],
        [
            "content/plan.yaml:11: recommendation 1: unknown area for improvement 'aip-7' (known: "
            "aip-1, aip-8, aip-9)"
        ],
    ),
    (
        "unknown-kpi",
        [("replace", "plan.yaml", "kpis: [cicc-members]", "kpis: [members]")],
        ["content/plan.yaml:42: action 8.1: unknown KPI 'members' (known: cicc-members, neet)"],
    ),
    (
        "unknown-status",
        [("replace", "progress/2014-06.yaml", "1.2: {status: planned}", "1.2: {status: green}")],
        [
            "content/progress/2014-06.yaml:2: action 1.2: unknown status 'green' (known: "
            "completed, in-place, on-track, planned, due)"
        ],
    ),
    (
        "unknown-action-in-progress",
        [("replace", "progress/2014-06.yaml", "1.2:", "1.9:")],
        ["content/progress/2014-06.yaml:2: action 1.9: unknown action '1.9' (not in plan.yaml)"],
    ),
    (
        "unknown-merge-target",
        [
            (
                "replace",
                "plan.yaml",
                "      merged_into: 13/14\n    actions:\n      - id: 13.1",
                "      merged_into: 15\n    actions:\n      - id: 13.1",
            )
        ],
        ["content/plan.yaml:49: recommendation 13: merged into unknown recommendation '15'"],
    ),
    (
        "unknown-release-in-added",
        [("replace", "plan.yaml", "added: 2014-10", "added: 2014-11")],
        [
            "content/plan.yaml:63: recommendation 13/14: field 'added': unknown release '2014-11' "
            "(known: 2014-06, 2014-10, 2015-01)"
        ],
    ),
    (
        "kpi-value-for-unknown-kpi",
        [("append", "kpi-values.csv", "children,2014-05-31,4\n")],
        [
            "content/kpi-values.csv:8: KPI children: unknown KPI 'children' (known: cicc-members, "
            "neet)"
        ],
    ),
    (
        "progress-for-unknown-release",
        [("write", "progress/2015-02.yaml", "actions: {}\n")],
        [
            "content/progress/2015-02.yaml: no release '2015-02' in releases.yaml (known: "
            "2014-06, 2014-10, 2015-01)"
        ],
    ),
    (
        "impossible-date",
        [("replace", "plan.yaml", "due: 2014-07-31", "due: 2017-02-30")],
        ["content/plan.yaml:18: action 1.2: field 'due': '2017-02-30' is not a real date"],
    ),
    (
        "date-in-words",
        [("replace", "releases.yaml", "date: 2014-06-30", "date: 30 June 2014")],
        [
            "content/releases.yaml:3: release 2014-06: field 'date': expected a date as "
            "YYYY-MM-DD, found '30 June 2014'"
        ],
    ),
    (
        "releases-same-date",
        [("replace", "releases.yaml", "date: 2014-10-31", "date: 2014-06-30")],
        [
            "content/releases.yaml:7: release 2014-10: has the same date (2014-06-30) as release "
            "2014-06; each release needs its own date"
        ],
    ),
    (
        "releases-out-of-order",
        [("replace", "releases.yaml", "date: 2015-01-31", "date: 2014-09-30")],
        [
            "content/progress/2015-01.yaml:17: assessment of recommendation 1: dated "
            "2015-01-20, after this release's date (2014-09-30): an assessment is published "
            "with the first release dated on or after it",
            "content/progress/2015-01.yaml:23: assessment of recommendation 13/14: dated "
            "2015-01-27, after this release's date (2014-09-30): an assessment is published "
            "with the first release dated on or after it",
            "content/releases.yaml:13: release 2015-01: releases must be listed oldest first: "
            "dated 2014-09-30, but listed after release 2014-10 dated 2014-10-31",
        ],
    ),
    (
        "non-numeric-kpi-value",
        [("append", "kpi-values.csv", "neet,2014-11-30,n/a\n")],
        ["content/kpi-values.csv:8: KPI neet: column 'value': expected a number, found 'n/a'"],
    ),
    (
        "missing-kpi-value",
        [("append", "kpi-values.csv", "neet,2014-11-30,\n")],
        [
            "content/kpi-values.csv:8: KPI neet: column 'value': missing value (leave the row out "
            "if nothing was reported)"
        ],
    ),
    (
        "kpi-values-bad-header",
        [("replace", "kpi-values.csv", "kpi,date,value", "kpi,when,value")],
        [
            "content/kpi-values.csv:1: missing column(s) date; unknown column(s) when "
            "(expected: kpi, date, value, and optionally note, break, period, published)"
        ],
    ),
    (
        "recommendation-without-group",
        [("replace", "plan.yaml", "groups: [aip-1]", "groups: []")],
        [
            "content/plan.yaml:11: recommendation 1: no area for improvement given (each "
            "recommendation needs at least one)"
        ],
    ),
    (
        "merge-into-itself",
        [
            (
                "replace",
                "plan.yaml",
                "      reason: Combined with recommendation 14.\n      merged_into: 13/14",
                "      reason: Combined with recommendation 14.\n      merged_into: 13",
            )
        ],
        ["content/plan.yaml:49: recommendation 13: is merged into itself"],
    ),
    (
        "merge-cycle",
        [
            (
                "replace",
                "plan.yaml",
                "      reason: Combined with recommendation 14.\n      merged_into: 13/14",
                "      reason: Combined with recommendation 14.\n      merged_into: 14",
            ),
            (
                "replace",
                "plan.yaml",
                "      reason: Combined with recommendation 13.\n      merged_into: 13/14",
                "      reason: Combined with recommendation 13.\n      merged_into: 13",
            ),
        ],
        [
            "content/plan.yaml:49: recommendation 13: merges form a cycle (13 -> 14 -> 13)",
            "content/plan.yaml:60: recommendation 14: merges form a cycle (14 -> 13 -> 14)",
        ],
    ),
    (
        "progress-before-added",
        [
            (
                "replace",
                "progress/2014-06.yaml",
                "  8.1: {status: planned}",
                "  8.1: {status: planned}\n  13.2: {status: planned}",
            )
        ],
        [
            "content/progress/2014-06.yaml:5: action 13.2: is not in the plan yet at this release "
            "(added in 2014-10)"
        ],
    ),
    (
        "release-id-not-url-safe",
        [("replace", "releases.yaml", "  - id: 2015-01", "  - id: January 2015")],
        [
            "content/plan.yaml:31: action 1.6: field 'release': unknown release '2015-01' (known: "
            "2014-06, 2014-10)",
            "content/progress/2015-01.yaml: no release '2015-01' in releases.yaml (known: "
            "2014-06, 2014-10)",
            "content/releases.yaml:12: release January 2015: field 'id': expected an id of "
            "letters, digits, '.', '-', '_' or '/', found 'January 2015'",
        ],
    ),
    (
        "published-release-changed",
        [
            ("publish", "2014-10"),
            (
                "replace",
                "progress/2014-10.yaml",
                "Numbers are now reported.",
                "Numbers are reported.",
            ),
        ],
        [
            "content/releases.lock: release 2014-10: was published on 2015-02-01 and cannot be "
            "changed, but these items now differ: action 1.4 (narrative). Undo the change, or "
            "record it as an erratum with 'progress-site erratum 2014-10 --reason TEXT "
            "--corrected TEXT'"
        ],
    ),
    (
        "published-release-removed",
        [
            ("publish", "2015-01"),
            (
                "replace",
                "releases.yaml",
                "  - id: 2015-01\n    date: 2015-01-31\n    title: January 2015\n",
                "",
            ),
            (
                "replace",
                "plan.yaml",
                "        withdrawn:\n"
                "          release: 2015-01\n"
                "          reason: Repetition of action 1.4 and has been removed.\n",
                "",
            ),
            ("delete", "progress/2015-01.yaml"),
        ],
        [
            # the removed entry's last line, its publication date, now falls to 2014-10
            "content/releases.lock: release 2014-10: was published on 2015-02-01 (releases.yaml), "
            "but releases.lock has no record of it, so its content can no longer be checked; "
            "restore releases.lock from version control or a backup",
            "content/releases.lock: release 2015-01: was published on 2015-02-01 but is no longer "
            "in releases.yaml; a published release cannot be removed",
        ],
    ),
    (
        "erratum-without-reason",
        [
            (
                "replace",
                "releases.yaml",
                "    title: October 2014\n",
                "    title: October 2014\n"
                "    errata:\n"
                "      - {date: 2014-12-01, corrected: Narrative of action 1.4}\n",
            )
        ],
        ["content/releases.yaml:10: release 2014-10: erratum: missing required field 'reason'"],
    ),
    (
        "symlink-escaping-content",
        [("symlink", "kpis.yaml", "/etc/hostname")],
        ["content/kpis.yaml: points outside the content directory"],
    ),
    (
        "missing-required-file",
        [("delete", "releases.yaml")],
        ["content/releases.yaml: required file is missing"],
    ),
    (
        "control-character",
        [("replace", "plan.yaml", "Develop a police", "Develop a\x1f police")],
        [
            "content/plan.yaml:14: contains a control character (U+001F) that YAML does not "
            "allow; remove it"
        ],
    ),
    (
        "null-document",
        [("write", "site.yaml", "null\n")],
        ["content/site.yaml:1: file has no content (null)"],
    ),
]
