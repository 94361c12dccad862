from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from generator.content.validate import load_content
from generator.errors import ContentError

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session", autouse=True)
def chart_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Charts drawn by the tests are cached in a temporary directory, not the user's cache."""
    path = tmp_path_factory.mktemp("chart-cache")
    os.environ["PROGRESS_SITE_CACHE"] = str(path)
    return path


@pytest.fixture(scope="session", autouse=True)
def quiet_progress() -> None:
    """Commands print no progress in tests that compare their stderr; the tests of progress
    itself clear PROGRESS_SITE_QUIET."""
    os.environ["PROGRESS_SITE_QUIET"] = "1"


SMALL_PLAN = DATA / "small-plan"
REAL_PLAN = DATA / "real-plan"
DEFAULT_CONTENT = Path(__file__).parent.parent / "content"


class ContentCopy:
    """A writable copy of a content tree at ./content, for mutation tests."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def text(self, name: str) -> str:
        return (self.root / name).read_text(encoding="utf-8")

    def write(self, name: str, text: str | bytes) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    def replace(self, name: str, old: str, new: str) -> int:
        """Replace ``old`` once; return the 1-based line where it started."""
        text = self.text(name)
        assert text.count(old) >= 1, f"{old!r} not in {name}"
        index = text.index(old)
        self.write(name, text[:index] + new + text[index + len(old) :])
        return text[:index].count("\n") + 1

    def line_of(self, name: str, needle: str) -> int:
        text = self.text(name)
        assert needle in text, f"{needle!r} not in {name}"
        return text[: text.index(needle)].count("\n") + 1

    def problems(self) -> list[str]:
        with pytest.raises(ContentError) as info:
            load_content(Path("content"))
        return [str(p) for p in info.value.problems]


def unlock(content_dir: Path) -> None:
    """Make a copy of content whose published texts a test rewrites: no lock, and no release
    marked published by ``publish`` (as content made before locks were kept)."""
    (content_dir / "releases.lock").unlink(missing_ok=True)
    releases = content_dir / "releases.yaml"
    text = releases.read_text(encoding="utf-8")
    releases.write_text(re.sub(r"(?m)^    published: .*\n", "", text), encoding="utf-8")


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ContentCopy:
    shutil.copytree(SMALL_PLAN, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return ContentCopy(tmp_path / "content")


SERIES_KPI = """  - id: visits-due
    title: Statutory visits due
    unit: visits
    polarity: lower
    tolerance: {absolute: 3}
    baseline: {value: 50, date: 2014-05-31}
    target: {value: 30, date: 2015-06-30}
"""
SERIES_VALUES = {
    "2014-05-31": ("50", "", ""),
    "2014-06-30": ("48", "", ""),
    "2014-08-31": ("45", "partial month: two weeks of records", ""),
    "2014-09-30": ("60", "new definition: includes visits by partner agencies", "true"),
    "2014-10-31": ("58", "", ""),
    "2014-12-31": ("57", "", "false"),
    "2015-01-31": ("52", "", ""),
}


def add_series_kpi(root: Path) -> None:
    """Add the KPI ``visits-due`` to the content at ``root``: a tolerance of 3 visits, a
    note on a value, and a break in its series (with a note) after a baseline set before it."""
    kpis = root / "kpis.yaml"
    kpis.write_text(kpis.read_text(encoding="utf-8") + SERIES_KPI, encoding="utf-8")
    values = root / "kpi-values.csv"
    header, *rows = values.read_text(encoding="utf-8").splitlines()
    lines = [f"{header},note,break", *(f"{row},," for row in rows)]
    lines += [
        f"visits-due,{day},{v},{note},{flag}" for day, (v, note, flag) in SERIES_VALUES.items()
    ]
    values.write_text("\n".join(lines) + "\n", encoding="utf-8")
