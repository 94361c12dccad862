"""Validation of kpis.yaml and kpi-values.csv."""

from __future__ import annotations

from collections.abc import Iterable

from generator.content.checks import ContentChecks, _known
from generator.content.fields import number_problem, parse_date
from generator.content.ids import IdSpace, Name, folder_names
from generator.content.load import load_csv
from generator.content.model import Kpi, Kpis, Point


def _whole(point: Point | None) -> Point | None:
    """A point read with both its value and its date, or None."""
    return point if point and point.value is not None and point.date is not None else None


def _series(points: Iterable[Point]) -> tuple[Point, ...]:
    return tuple(sorted(points, key=lambda p: p.date))


def kpi_files(kpi_id: str) -> dict[str, Name]:
    """The names a KPI takes in kpis/: its page's folder, its chart and its sparkline."""
    return {
        kpi_id: Name(f"kpis/{kpi_id}/", "page"),
        f"{kpi_id}.svg": Name(f"kpis/{kpi_id}.svg", "chart"),
        f"{kpi_id}-trend.svg": Name(f"kpis/{kpi_id}-trend.svg", "sparkline"),
    }


class KpiChecks(ContentChecks):
    """Checks of kpis.yaml and kpi-values.csv, part of the validator in ``validate``."""

    def kpis(self, release_ids: list[str]) -> list[Kpi]:
        read = self.read("kpis.yaml", Kpis, required=False)
        if read is None:
            return []
        model, root = read
        defined: list[Kpi] = []
        lines: dict[str, int] = {}
        space = IdSpace(self.problems, root.file, folder_names("kpis"))
        for kpi, spot in self.items(root, "kpis", model.kpis):
            if kpi.added and kpi.added not in release_ids and self.known("releases.yaml"):
                spot.error(
                    f"field 'added': unknown release '{kpi.added}' (known: {_known(release_ids)})",
                    "added",
                )
            if not kpi.id or not spot.first_time("KPI id", kpi.id, lines, spot.node.line):
                continue
            space.add(kpi.id, spot.node.line_of("id"), str(spot.item), kpi_files(kpi.id))
            defined.append(kpi)
        series = self.kpi_values(list(lines))
        return [
            kpi.model_copy(
                update={
                    "baseline": _whole(kpi.baseline),
                    "target": _whole(kpi.target),
                    "milestones": _series(p for p in kpi.milestones if _whole(p)),
                    "values": _series(series.get(kpi.id, [])),
                }
            )
            for kpi in defined
        ]

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
                series.setdefault(kpi, []).append(Point(date=when, value=value))
        return series
