"""Bad-input corpus, continued: ids that collide on a page or on disk, or are too long.

Same form as ``corpus_cases``: (name, edits to the small fixture, the exact report lines).
"""


def rec(rid, action=""):
    """A recommendation (with one action, if given) to append to plan.yaml."""
    actions = (
        f"    actions:\n      - id: {action}\n        description: An action.\n" if action else ""
    )
    return f"  - id: {rid}\n    text: A recommendation.\n    groups: [aip-8]\n{actions}"


def act(aid):
    """An action to append to plan.yaml: it goes to the last recommendation, 13/14."""
    return f"      - id: {aid}\n        description: An action.\n"


def kpi(kid):
    """A KPI to append to kpis.yaml."""
    return f"  - id: {kid}\n    title: A KPI\n    unit: count\n    polarity: higher\n"


def group(gid):
    """An edit adding a group at the top of plan.yaml."""
    return ("replace", "plan.yaml", "groups:\n", f"groups:\n  - id: {gid}\n    title: A group\n")


def release(rid):
    """An edit appending a draft release (it needs no progress file)."""
    return (
        "append",
        "releases.yaml",
        f"  - id: {rid}\n    date: 2015-03-31\n    title: March 2015\n    draft: true\n",
    )


LONG = "a" * 65
CASES: list[tuple] = [
    (
        "recommendation-ids-differ-in-case",
        [("append", "plan.yaml", rec("20A") + rec("20a"))],
        [
            (
                "content/plan.yaml:74: recommendation 20a: id '20a' collides with "
                "recommendation 20A (line 71): ids must differ by more than letter case"
            ),
        ],
    ),
    (
        "recommendation-slash-and-dash",
        [("append", "plan.yaml", rec("20/21") + rec("20-21"))],
        [
            (
                "content/plan.yaml:74: recommendation 20-21: id '20-21' collides with "
                "recommendation 20/21 (line 71): both would be published as "
                "recommendations/20-21/"
            ),
        ],
    ),
    (
        "recommendation-trailing-dot",
        [("append", "plan.yaml", rec("20.1") + rec("20.1."))],
        [
            (
                "content/plan.yaml:74: recommendation 20.1.: id '20.1.' collides with "
                "recommendation 20.1 (line 71): both would be published as "
                "recommendations/20.1/"
            ),
        ],
    ),
    (
        "recommendation-shadows-index",
        [("append", "plan.yaml", rec("Index"))],
        [
            (
                "content/plan.yaml:71: recommendation Index: id 'Index' would replace the "
                "site's own page recommendations/index.html; choose another id"
            ),
        ],
    ),
    (
        "group-shadows-baseline-comparison",
        [("replace", "plan.yaml", "groups:\n", "groups:\n  - {id: baseline, title: Baseline}\n")],
        [
            (
                "content/plan.yaml:2: area for improvement baseline: id 'baseline' would replace "
                "the site's own page changes/baseline/index.html; choose another id"
            ),
        ],
    ),
    (
        "group-shadows-report-indicators",
        [
            (
                "replace",
                "plan.yaml",
                "groups:\n",
                "groups:\n  - {id: indicators, title: Indicators}\n",
            )
        ],
        [
            (
                "content/plan.yaml:2: area for improvement indicators: id 'indicators' would "
                "replace the site's own page report/indicators/index.html; choose another id"
            ),
        ],
    ),
    (
        "group-shadows-report-other-recommendations",
        [
            (
                "replace",
                "plan.yaml",
                "groups:\n",
                "groups:\n  - {id: other-recommendations, title: Other}\n",
            )
        ],
        [
            (
                "content/plan.yaml:2: area for improvement other-recommendations: id "
                "'other-recommendations' would replace the site's own page "
                "report/other-recommendations/index.html; choose another id"
            ),
        ],
    ),
    (
        "recommendation-shadows-index-html",
        [("append", "plan.yaml", rec("index.html"))],
        [
            (
                "content/plan.yaml:71: recommendation index.html: id 'index.html' would "
                "replace the site's own page recommendations/index.html; choose another id"
            ),
        ],
    ),
    (
        "recommendation-id-too-long",
        [("append", "plan.yaml", rec(LONG))],
        [
            (
                "content/plan.yaml:71: recommendation "
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: field "
                "'id': an id may be at most 64 characters long, found 65 characters "
                "('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...')"
            ),
        ],
    ),
    (
        "action-ids-differ-in-case",
        [("append", "plan.yaml", act("13.2B") + act("13.2b"))],
        [
            (
                "content/plan.yaml:73: action 13.2b: id '13.2b' collides with action 13.2B "
                "(line 71): ids must differ by more than letter case"
            ),
        ],
    ),
    (
        "action-ids-differ-in-case-across-recommendations",
        [("append", "plan.yaml", rec("20", "8.1A") + rec("21", "8.1a"))],
        [
            (
                "content/plan.yaml:81: action 8.1a: id '8.1a' collides with action 8.1A (line "
                "75): ids must differ by more than letter case"
            ),
        ],
    ),
    (
        "action-slash-and-dash",
        [("append", "plan.yaml", act("13/3") + act("13-3"))],
        [
            (
                "content/plan.yaml:73: action 13-3: id '13-3' collides with action 13/3 (line "
                "71): both would be published as recommendations/13-14/#13-3"
            ),
        ],
    ),
    (
        "action-trailing-dot",
        [("append", "plan.yaml", act("13.2."))],
        [
            (
                "content/plan.yaml:71: action 13.2.: id '13.2.' collides with action 13.2 "
                "(line 67): both would be published as recommendations/13-14/#13.2"
            ),
        ],
    ),
    (
        "action-shadows-heading-actions",
        [("append", "plan.yaml", act("Actions"))],
        [
            (
                "content/plan.yaml:71: action Actions: id 'Actions' would replace the page's "
                "own heading anchor #actions; choose another id"
            ),
        ],
    ),
    (
        "action-shadows-heading-status-history",
        [("append", "plan.yaml", act("status-history"))],
        [
            (
                "content/plan.yaml:71: action status-history: id 'status-history' would "
                "replace the page's own heading anchor #status-history; choose another id"
            ),
        ],
    ),
    (
        "action-shadows-page-title",
        [("append", "plan.yaml", act("recommendation-1314"))],
        [
            (
                "content/plan.yaml:71: action recommendation-1314: id 'recommendation-1314' "
                "would replace the page's own heading anchor #recommendation-1314; choose "
                "another id"
            ),
        ],
    ),
    (
        "action-id-too-long",
        [("append", "plan.yaml", act("13." + LONG))],
        [
            (
                "content/plan.yaml:71: action "
                "13.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: field "
                "'id': an id may be at most 64 characters long, found 68 characters "
                "('13.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...')"
            ),
        ],
    ),
    (
        "group-shadows-index",
        [group("index")],
        [
            (
                "content/plan.yaml:2: area for improvement index: id 'index' would replace "
                "the site's own page pillars/index.html; choose another id"
            ),
        ],
    ),
    (
        "group-shadows-index-html",
        [group("index.html")],
        [
            (
                "content/plan.yaml:2: area for improvement index.html: id 'index.html' would "
                "replace the site's own page pillars/index.html; choose another id"
            ),
        ],
    ),
    (
        "group-id-too-long",
        [group(LONG)],
        [
            (
                "content/plan.yaml:2: area for improvement "
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: field "
                "'id': an id may be at most 64 characters long, found 65 characters "
                "('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...')"
            ),
        ],
    ),
    (
        "kpi-shadows-index",
        [("append", "kpis.yaml", kpi("index"))],
        [
            (
                "content/kpis.yaml:18: KPI index: id 'index' would replace the site's own "
                "page kpis/index.html; choose another id"
            ),
        ],
    ),
    (
        "kpi-id-is-a-sparkline",
        [("append", "kpis.yaml", kpi("neet-trend"))],
        [
            (
                "content/kpis.yaml:18: KPI neet-trend: id 'neet-trend' collides with KPI neet "
                "(line 11): its chart and the sparkline of KPI neet would both be "
                "kpis/neet-trend.svg"
            ),
        ],
    ),
    (
        "kpi-id-is-a-chart",
        [("append", "kpis.yaml", kpi("neet.svg"))],
        [
            (
                "content/kpis.yaml:18: KPI neet.svg: id 'neet.svg' collides with KPI neet "
                "(line 11): its page and the chart of KPI neet would both be kpis/neet.svg/"
            ),
        ],
    ),
    (
        "kpi-sparkline-of-a-chart",
        [("append", "kpis.yaml", kpi("neet-trend.svg"))],
        [
            (
                "content/kpis.yaml:18: KPI neet-trend.svg: id 'neet-trend.svg' collides with "
                "KPI neet (line 11): its page and the sparkline of KPI neet would both be "
                "kpis/neet-trend.svg/"
            ),
        ],
    ),
    (
        "kpi-id-too-long",
        [("append", "kpis.yaml", kpi(LONG))],
        [
            (
                "content/kpis.yaml:18: KPI "
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: field "
                "'id': an id may be at most 64 characters long, found 65 characters "
                "('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...')"
            ),
        ],
    ),
    (
        "release-shadows-versions-json",
        [release("versions.json")],
        [
            (
                "content/releases.yaml:15: release versions.json: field 'id': release id "
                "'versions.json' would replace the site's own versions.json (the list of "
                "versions); choose another id"
            ),
        ],
    ),
    (
        "release-shadows-feed",
        [release("feed.xml")],
        [
            (
                "content/releases.yaml:15: release feed.xml: field 'id': release id "
                "'feed.xml' would replace the site's own feed.xml (the Atom feed); choose "
                "another id"
            ),
        ],
    ),
    (
        "release-shadows-recommendation-feeds",
        [release("feeds")],
        [
            (
                "content/releases.yaml:15: release feeds: field 'id': release id "
                "'feeds' would replace the site's own feeds/ folder (the feed of each "
                "recommendation); choose another id"
            ),
        ],
    ),
    (
        "release-shadows-latest",
        [release("latest")],
        [
            (
                "content/releases.yaml:15: release latest: field 'id': release id 'latest' "
                "would replace the site's own latest/ folder (links to the newest release); "
                "choose another id"
            ),
        ],
    ),
    (
        "release-shadows-index-html",
        [release("index.html")],
        [
            (
                "content/releases.yaml:15: release index.html: field 'id': release id "
                "'index.html' would replace the site's own index.html (the site's home page); "
                "choose another id"
            ),
        ],
    ),
    (
        "release-shadows-sitemap",
        [release("sitemap.xml")],
        [
            (
                "content/releases.yaml:15: release sitemap.xml: field 'id': release id "
                "'sitemap.xml' would replace the site's own sitemap.xml; choose another id"
            ),
        ],
    ),
    (
        "release-shadows-404",
        [release("404.html")],
        [
            (
                "content/releases.yaml:15: release 404.html: field 'id': release id "
                "'404.html' would replace the site's own 404.html (the page for addresses not "
                "found); choose another id"
            ),
        ],
    ),
    (
        "release-shadows-index",
        [release("index")],
        [
            (
                "content/releases.yaml:15: release index: field 'id': release id 'index' "
                "would replace the site's own index.html (the site's home page); choose "
                "another id"
            ),
        ],
    ),
    (
        "release-id-too-long",
        [release("2015-03-" + "a" * 60)],
        [
            (
                "content/releases.yaml:15: release "
                "2015-03-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: field "
                "'id': an id may be at most 64 characters long, found 68 characters "
                "('2015-03-aaaaaaaaaaaaaaaaaaaaaaaaaaaaa...')"
            ),
        ],
    ),
]
