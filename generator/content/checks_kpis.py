"""Validation of kpis.yaml and kpi-values.csv."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TypeVar

from generator.content.checks import ContentChecks, Spot, _known
from generator.content.fields import describe, number_problem, parse_date
from generator.content.ids import IdSpace, Name, folder_names
from generator.content.load import load_csv
from generator.content.model import Kpi, Kpis, Point, Value
from generator.errors import Problems


def _whole(point: Point | None) -> Point | None:
    """A point read with both its value and its date, or None."""
    return point if point and point.value is not None and point.date is not None else None


P = TypeVar("P", bound=Point)


def _series(points: Iterable[P]) -> tuple[P, ...]:
    """Oldest first; a revision after the value it revises."""
    return tuple(sorted(points, key=lambda p: (p.date, getattr(p, "made_public", p.date))))


def kpi_files(kpi_id: str) -> dict[str, Name]:
    """The names a KPI takes in kpis/: its page's folder, its chart and its sparkline."""
    return {
        kpi_id: Name(f"kpis/{kpi_id}/", "page"),
        f"{kpi_id}.svg": Name(f"kpis/{kpi_id}.svg", "chart"),
        f"{kpi_id}-trend.svg": Name(f"kpis/{kpi_id}-trend.svg", "sparkline"),
    }


def _break(text: str) -> tuple[bool, str | None]:
    """Column ``break``: ``true`` starts a new segment; ``false`` or nothing does not."""
    word = text.strip().lower()
    if word in ("", "false"):
        return False, None
    if word == "true":
        return True, None
    return False, f"expected true, false or nothing, found {describe(text.strip())}"


class KpiChecks(ContentChecks):
    """Checks of kpis.yaml and kpi-values.csv, part of the validator in ``validate``."""

    def kpis(self, release_ids: list[str]) -> list[Kpi]:
        self.kpi_places: list[tuple[Spot, str, str, int]] = []
        """Each group and recommendation a KPI names: its spot, field, id and line."""
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
            self._tolerance(spot)
            for field in ("groups", "recommendations"):
                for named, line in zip(getattr(kpi, field), spot.key_lines(field), strict=False):
                    self.kpi_places.append((spot, field, named, line))
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
                    "groups": tuple(dict.fromkeys(kpi.groups)),
                    "recommendations": tuple(dict.fromkeys(kpi.recommendations)),
                }
            )
            for kpi in defined
        ]

    def kpi_places_known(self, group_ids: list[str], recommendation_ids: list[str]) -> None:
        """Every group and recommendation a KPI names is in the plan."""
        if not self.known("plan.yaml"):
            return
        for spot, field, named, line in self.kpi_places:
            if field == "groups" and named not in group_ids:
                known = _known(group_ids)
                message = f"unknown {self.grouping_word} '{named}' (known: {known})"
            elif field == "recommendations" and named not in recommendation_ids:
                message = f"unknown recommendation '{named}' (known: {_known(recommendation_ids)})"
            else:
                continue
            spot.error(f"field '{field}': {message}", line=line)

    @staticmethod
    def _tolerance(spot: Spot) -> None:
        """A tolerance gives one of absolute and percent (a bad value is reported already)."""
        written = spot.node.get("tolerance") if isinstance(spot.node, dict) else None
        if not isinstance(written, dict):
            return
        given = [key for key in ("absolute", "percent") if key in written]
        if len(given) == 1:
            return
        choose = "absolute (in the KPI's unit) or percent (of the earlier value)"
        message = f"give either {choose}, not both" if given else f"give {choose}"
        spot.error(f"field 'tolerance': {message}", "tolerance")

    def kpi_values(self, kpi_ids: list[str]) -> dict[str, list[Value]]:
        path = self._path("kpi-values.csv", required=False)
        if path is None:
            return {}
        display = self.display("kpi-values.csv")
        table = load_csv(path, display, self.problems)
        if table is None:
            return {}
        columns, optional = ("kpi", "date", "value"), ("note", "break", "period", "published")
        missing = [c for c in columns if c not in table.header]
        unknown = [c for c in table.header if c not in columns + optional]
        found = [f"missing column(s) {', '.join(missing)}"] if missing else []
        found += [f"unknown column(s) {', '.join(unknown)}"] if unknown else []
        if found:
            expected = "expected: kpi, date, value, and optionally note, break, period, published"
            self.problems.add(display, 1, None, f"{'; '.join(found)} ({expected})")
        if missing or unknown:
            return {}
        rows = _Rows(display, self.problems)
        series: dict[str, list[Value]] = {}
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
            starts, problem = _break(row.values.get("break", ""))
            if problem:
                self.problems.add(display, row.line, item, f"column 'break': {problem}")
                ok = False
            period = row.values.get("period", "").strip()
            published = rows.published(row.line, item, row.values.get("published", ""), when)
            ok = rows.period(row.line, item, kpi, period, when) and ok
            ok = rows.first(row.line, item, kpi, when_text, when, published) and ok
            if ok and when is not None and value is not None and published is not False:
                note = row.values.get("note", "").strip()
                fields = {"date": when, "value": value, "note": note, "break": starts}
                fields |= {"period": period, "published": published}
                series.setdefault(kpi, []).append(Value(**fields))
        return series


MAX_PERIOD = 40
"""The longest period label: it is a chart tick and a table cell."""


class _Rows:
    """What the rows of kpi-values.csv say together: each value given once per publication
    date (a later ``published`` is a revision), and each period naming one date."""

    def __init__(self, display: str, problems: Problems) -> None:
        self.display = display
        self.problems = problems
        self.given: dict[tuple[str, str, date | None], int] = {}
        self.periods: dict[tuple[str, str], tuple[date, int]] = {}
        self.labels: dict[tuple[str, date], tuple[str, int]] = {}

    def error(self, line: int, item: str | None, message: str) -> bool:
        self.problems.add(self.display, line, item, message)
        return False

    def published(
        self, line: int, item: str | None, text: str, when: date | None
    ) -> date | None | bool:
        """The ``published`` date, None where none is given, False where it is wrong."""
        text = text.strip()
        if not text:
            return None
        published, reason = parse_date(text)
        if reason or published is None:
            return self.error(line, item, f"column 'published': {reason}")
        if when is not None and published < when:
            return self.error(
                line,
                item,
                f"column 'published': {published.isoformat()} is before the value's date "
                f"{when.isoformat()} (the date is the end of the period the value covers, and a "
                "value is published then or later)",
            )
        return published

    def period(self, line: int, item: str | None, kpi: str, period: str, when: date | None) -> bool:
        if len(period) > MAX_PERIOD:
            return self.error(
                line,
                item,
                f"column 'period': at most {MAX_PERIOD} characters, found {len(period)}",
            )
        if when is None:
            return True
        label = self.labels.setdefault((kpi, when), (period, line))
        if label[0] != period:
            return self.error(
                line,
                item,
                f"column 'period': {describe(period)} differs from {describe(label[0])} "
                f"given for {when.isoformat()} on line {label[1]}",
            )
        if not period:
            return True
        named = self.periods.setdefault((kpi, period), (when, line))
        if named[0] != when:
            return self.error(
                line,
                item,
                f"column 'period': '{period}' was already given for {named[0].isoformat()} on "
                f"line {named[1]} (each period has one date, its end)",
            )
        return True

    def first(
        self,
        line: int,
        item: str | None,
        kpi: str,
        when_text: str,
        when: date | None,
        published: date | None | bool,
    ) -> bool:
        """Whether this is the first value for its date published then."""
        if published is False:
            return True  # reported already
        public = published or when
        key = (kpi, when.isoformat() if when else when_text, public)
        earlier = self.given.setdefault(key, line)
        if earlier == line:
            return True
        if published and public != when:
            return self.error(
                line,
                item,
                f"a value for {when_text} published {public.isoformat()} was already given on "
                f"line {earlier} (a revision needs a later 'published' date)",
            )
        given = f"a value for {when_text} was already given on line {earlier}"
        return self.error(line, item, given)
