"""Stage 2: check the loaded content and build the typed model, reporting every problem at once.

Content layout (all paths relative to the content directory)::

    site.yaml              title, organisation, grouping names, status vocabulary, inspection
    plan.yaml              groups, recommendations and their actions
    kpis.yaml              KPI definitions (optional)
    kpi-values.csv         KPI series: kpi,date,value (optional)
    releases.yaml          releases, oldest first
    progress/<id>.yaml     per release: status and narrative of each action
    glossary.yaml          acronyms and their meanings (optional)
"""

from __future__ import annotations

import ipaddress
import re
import urllib.parse
from pathlib import Path

from generator.content.checks import MEANINGS, ContentChecks
from generator.content.checks_kpis import KpiChecks
from generator.content.checks_plan import PlanChecks
from generator.content.checks_releases import ReleaseChecks
from generator.content.fields import Fields
from generator.content.glossary import read_terms
from generator.content.model import (
    Content,
    Grouping,
    Inspection,
    Meaning,
    Site,
    StatusDef,
)
from generator.content.transaction import reading
from generator.errors import ContentError, Problems

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
SITE_URL = re.compile(
    rf"^https?://{_LABEL}(?:\.{_LABEL})*\.?(?::[0-9]{{1,5}})?"
    r"(?:/(?:[A-Za-z0-9._~!$+,;=:@-]|%[0-9A-Fa-f]{2})*)*$",
    re.IGNORECASE,
)
"""The site's public address: it becomes every page's canonical link and MkDocs' site_url, so
nothing in it can end an attribute, a string or a URL early."""


def _web_address(url: str) -> bool:
    """Whether ``url`` is a plain web address that browsers also accept: a port up to 65535,
    and a host ending in a number only if it is an IPv4 address (browsers read it as one)."""
    if not SITE_URL.match(url):
        return False
    parts = urllib.parse.urlsplit(url)
    try:
        _ = parts.port  # raises ValueError beyond 65535
    except ValueError:
        return False
    host = (parts.hostname or "").rstrip(".")
    if re.fullmatch(r"[0-9]+|0x[0-9a-f]*", host.rsplit(".", 1)[-1], re.IGNORECASE):
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            return False
    return True


def shown(value: str, limit: int = 60) -> str:
    """A found value quoted for a message, with invisible characters spelled out."""
    text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in value)
    return "'" + (text[: limit - 3] + "..." if len(text) > limit else text) + "'"


def load_content(content_dir: Path) -> Content:
    """Load and validate a content directory; raise ContentError listing every problem.

    An interrupted ``publish`` or ``new-release`` is completed or undone first, and one running
    meanwhile is waited for (``transaction``).
    """
    problems = Problems()
    with reading(content_dir):
        content = _Validator(content_dir, problems).run()
    problems.raise_if_any()
    if content is None:  # a problem-free run always gives content
        raise ContentError([])
    return content


class _Validator(ReleaseChecks, PlanChecks, KpiChecks, ContentChecks):
    """The whole validation: each file kind is checked by its own part (``checks_*``)."""

    # -- the whole run ---------------------------------------------------------------------

    def run(self) -> Content | None:
        if not self.dir.is_dir():
            self.problems.add(str(self.dir), None, None, "content directory not found")
            return None
        site = self.site()
        self.grouping_word = site.grouping.singular.lower() if site else "group"
        releases = self.releases()
        release_ids = list(self.release_lines)  # includes releases with a bad date: no cascade
        kpis = self.kpis(release_ids)
        groups, recommendations = self.plan(release_ids, [k.id for k in kpis])
        if site is not None:
            releases = self.progress(site, releases, recommendations)
        glossary_root = self.yaml_root("glossary.yaml", required=False)
        terms = read_terms(glossary_root) if glossary_root else []
        if site is None or self.problems:
            return None
        return Content(
            site,
            tuple(groups),
            tuple(recommendations),
            tuple(kpis),
            tuple(releases),
            tuple(terms),
        )

    # -- site.yaml -------------------------------------------------------------------------

    def site(self) -> Site | None:
        root = self.yaml_root("site.yaml")
        if root is None:
            return None
        root.check_keys(
            ("title", "organisation", "grouping", "statuses", "inspection", "plan_summary", "url")
        )
        title = root.text("title", required=True)
        organisation = root.text("organisation", required=True)
        grouping = Grouping("Group", "Groups")
        node = root.mapping("grouping", required=True)
        if node is not None:
            f = Fields(self.problems, root.file, node, "grouping")
            f.check_keys(("singular", "plural"))
            grouping = Grouping(f.text("singular", required=True), f.text("plural", required=True))
        inspection = None
        node = root.mapping("inspection")
        if node is not None:
            f = Fields(self.problems, root.file, node, "inspection")
            f.check_keys(("body", "title", "published", "judgement", "findings"))
            inspection = Inspection(
                body=f.text("body", required=True),
                title=f.text("title", required=True),
                published=f.date("published"),
                judgement=f.text("judgement"),
                findings=f.text("findings"),
            )
        statuses: list[StatusDef] = []
        seen: dict[str, int] = {}
        for line, node in root.items("statuses", required=True):
            status_id = node.raw.get("id") or node.get("id")
            f = Fields(
                self.problems, root.file, node, f"status '{status_id}'" if status_id else None
            )
            f.check_keys(("id", "label", "meaning", "description"))
            sid = f.ident("id")
            label = f.text("label", required=True)
            meaning = f.choice("meaning", MEANINGS, required=True)
            if sid is None or meaning is None:
                continue
            if not f.first_time("status id", sid, seen, line):
                continue
            statuses.append(StatusDef(sid, label, Meaning(meaning), f.text("description")))
        not_reported = [s for s in statuses if s.meaning is Meaning.NOT_REPORTED]
        if len(not_reported) > 1:
            root.error(
                "more than one status means not-reported "
                f"({', '.join(s.id for s in not_reported)}); keep one",
                "statuses",
            )
        if not statuses and "statuses" in root.node:
            root.error("field 'statuses' must list at least one status", "statuses")
        url = root.text("url")
        if url and not _web_address(url):
            root.error(
                "field 'url': expected an address such as https://example.gov.uk/plan/ "
                "(http or https, a host name, then a path without spaces, quotes, <, >, & or "
                f"a query), found {shown(url)}",
                "url",
            )
            url = ""
        if url and not url.endswith("/"):
            url += "/"
        return Site(
            title,
            organisation,
            grouping,
            tuple(statuses),
            inspection,
            root.text("plan_summary"),
            url,
        )
