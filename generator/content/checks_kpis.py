"""Validation of kpis.yaml and kpi-values.csv."""

from __future__ import annotations

from generator.content.checks import POLARITIES, ContentChecks, _known
from generator.content.fields import Fields, number_problem, parse_date
from generator.content.ids import IdSpace, Name, folder_names
from generator.content.load import load_csv
from generator.content.model import (
    Kpi,
    Point,
    Polarity,
)


def kpi_files(kpi_id: str) -> dict[str, Name]:
    """The names a KPI takes in kpis/: its page's folder, its chart and its sparkline."""
    return {
        kpi_id: Name(f"kpis/{kpi_id}/", "page"),
        f"{kpi_id}.svg": Name(f"kpis/{kpi_id}.svg", "chart"),
        f"{kpi_id}-trend.svg": Name(f"kpis/{kpi_id}-trend.svg", "sparkline"),
    }


class KpiChecks(ContentChecks):
    """Checks of kpis.yaml, part of the validator in ``validate``."""

    # -- kpis.yaml and kpi-values.csv ------------------------------------------------------

    def point(self, f: Fields, key: str) -> Point | None:
        node = f.mapping(key)
        if node is None:
            return None
        pf = Fields(self.problems, f.file, node, f.item)
        pf.check_keys(("value", "date"))
        value = pf.number("value", required=True)
        when = pf.date("date", required=True)
        if value is None or when is None:
            return None
        return Point(when, value)

    def kpis(self, release_ids: list[str]) -> list[Kpi]:
        root = self.yaml_root("kpis.yaml", required=False)
        if root is None:
            return []
        root.check_keys(("kpis",))
        defined: list[tuple[Fields, dict]] = []
        lines: dict[str, int] = {}
        space = IdSpace(self.problems, root.file, folder_names("kpis"))
        for line, node in root.items("kpis", required=True):
            kid = node.raw.get("id") or node.get("id")
            f = Fields(self.problems, root.file, node, f"KPI {kid}" if kid else None)
            f.check_keys(
                (
                    "id",
                    "code",
                    "title",
                    "unit",
                    "polarity",
                    "description",
                    "baseline",
                    "target",
                    "milestones",
                    "added",
                )
            )
            kpi_id = f.ident("id", url=True)
            fields = dict(
                code=f.text("code"),
                title=f.text("title", required=True),
                unit=f.text("unit", required=True),
                polarity=f.choice("polarity", POLARITIES, required=True),
                description=f.text("description"),
                baseline=self.point(f, "baseline"),
                target=self.point(f, "target"),
                milestones=[],
                added=f.text("added") or None,
            )
            for _, mnode in f.items("milestones"):
                mf = Fields(self.problems, root.file, mnode, f.item)
                mf.check_keys(("value", "date"))
                value, when = mf.number("value", required=True), mf.date("date", required=True)
                if value is not None and when is not None:
                    fields["milestones"].append(Point(when, value))
            added = fields["added"]
            if added and added not in release_ids and self.known("releases.yaml"):
                f.error(
                    f"field 'added': unknown release '{fields['added']}' "
                    f"(known: {_known(release_ids)})",
                    "added",
                )
            if kpi_id is None:
                continue
            if not f.first_time("KPI id", kpi_id, lines, line):
                continue
            space.add(kpi_id, node.line_of("id"), str(f.item), kpi_files(kpi_id))
            defined.append((f, {"id": kpi_id, **fields}))
        series = self.kpi_values(list(lines))
        kpis = []
        for _, fields in defined:
            if fields["polarity"] is None:
                continue
            kpis.append(
                Kpi(
                    id=fields["id"],
                    code=fields["code"],
                    title=fields["title"],
                    unit=fields["unit"],
                    polarity=Polarity(fields["polarity"]),
                    description=fields["description"],
                    baseline=fields["baseline"],
                    target=fields["target"],
                    milestones=tuple(sorted(fields["milestones"], key=lambda p: p.date)),
                    values=tuple(sorted(series.get(fields["id"], []), key=lambda p: p.date)),
                    added=fields["added"],
                )
            )
        return kpis

    def kpi_values(self, kpi_ids: list[str]) -> dict[str, list[Point]]:
        path = self._path("kpi-values.csv", required=False)
        if path is None:
            return {}
        display = self.display("kpi-values.csv")
        table = load_csv(path, display, self.problems)
        if table is None:
            return {}
        columns = ("kpi", "date", "value")
        missing = [c for c in columns if c not in table.header]
        unknown = [c for c in table.header if c not in columns]
        found = [f"missing column(s) {', '.join(missing)}"] if missing else []
        found += [f"unknown column(s) {', '.join(unknown)}"] if unknown else []
        if found:
            self.problems.add(display, 1, None, f"{'; '.join(found)} (expected: kpi, date, value)")
        if missing or unknown:
            return {}
        series: dict[str, list[Point]] = {}
        seen: dict[tuple[str, str], int] = {}
        for row in table.rows:
            kpi, when_text, value_text = row.values["kpi"], row.values["date"], row.values["value"]
            item = f"KPI {kpi}" if kpi else None
            ok = True
            if kpi not in kpi_ids:
                if self.known("kpis.yaml"):
                    self.problems.add(
                        display, row.line, item, f"unknown KPI '{kpi}' (known: {_known(kpi_ids)})"
                    )
                ok = False
            when, reason = parse_date(when_text)
            if reason:
                self.problems.add(display, row.line, item, f"column 'date': {reason}")
                ok = False
            if not value_text:
                self.problems.add(
                    display,
                    row.line,
                    item,
                    "column 'value': missing value (leave the row out if nothing was reported)",
                )
                ok = False
                value = None
            else:
                problem = number_problem(value_text)
                value = None if problem else float(value_text)
                if problem:
                    self.problems.add(display, row.line, item, f"column 'value': {problem}")
                    ok = False
            key = (kpi, when_text)
            if key in seen:
                self.problems.add(
                    display,
                    row.line,
                    item,
                    f"a value for {when_text} was already given on line {seen[key]}",
                )
                ok = False
            seen.setdefault(key, row.line)
            if ok and when is not None and value is not None:
                series.setdefault(kpi, []).append(Point(when, value))
        return series
