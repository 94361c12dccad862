"""Values a tracker would take back to what an earlier release reported.

An old workbook, or an owner copying last quarter's row, turns a status or narrative back to
the value an earlier release had: the comparison would then present it as news. Each such
item is named once, by its tracker cell, with the release whose value it returns to.
"""

from __future__ import annotations

from generator.content.model import Content, Release


def _label(content: Content, status_id: str) -> str:
    return content.site.status(status_id).label


class History:
    """What the import changes (the draft it replaces, else the release the new draft is
    carried forward from) and what the releases before it reported."""

    def __init__(self, content: Content, base: Release, draft: Release | None = None) -> None:
        ids = [r.id for r in content.releases]
        self.content = content
        self.base = draft or base
        """The values the import replaces."""
        self.draft = draft is not None
        """Whether a row carried forward can go back too: to the draft's release's values."""
        upto = ids.index(base.id) + (1 if draft else 0)
        self.earlier = list(reversed(content.releases[:upto]))
        """Newest first, so that a value is matched to the latest release that had it."""

    def _status(self, action_id: str, status: str) -> str | None:
        old = self.base.progress.get(action_id)
        if old is not None and old.status == status:
            return None
        for release in self.earlier:
            entry = release.progress.get(action_id)
            if entry is not None and entry.status == status:
                was = _label(self.content, old.status) if old else "no status"
                return (
                    f"status {_label(self.content, status)} as in {release.id}, not {was} as "
                    f"in {self.base.id}"
                )
        return None

    def _narrative(self, found: dict[str, str], current: str | None, narrative: str) -> str | None:
        text = narrative.strip()
        if current is not None and current.strip() == text:
            return None
        for release_id, earlier in found.items():
            if earlier.strip() == text:
                return f"narrative as in {release_id}" + ("" if text else " (none)")
        return None

    def action(self, action_id: str, status: str, narrative: str) -> tuple[str, str] | None:
        """The column to name (Status, else Progress) and the warning for an action whose
        status or narrative returns to an earlier release's, or None."""
        old = self.base.progress.get(action_id)
        earlier = {
            r.id: r.progress[action_id].narrative for r in self.earlier if action_id in r.progress
        }
        status_part = self._status(action_id, status)
        narrative_part = self._narrative(earlier, old.narrative if old else None, narrative)
        parts = [part for part in (status_part, narrative_part) if part]
        if not parts:
            return None
        return ("Status" if status_part else "Progress"), f"action {action_id}: {_back(parts)}"

    def recommendation(self, rec_id: str, narrative: str) -> str | None:
        """The warning for a recommendation whose progress returns to an earlier release's."""
        old = self.base.recommendations.get(rec_id)
        earlier = {
            r.id: r.recommendations[rec_id].narrative
            for r in self.earlier
            if rec_id in r.recommendations
        }
        part = self._narrative(earlier, old.narrative if old else None, narrative)
        return f"recommendation {rec_id}: {_back([part])}" if part else None


def _back(parts: list[str]) -> str:
    return "goes back to an earlier release's value: " + "; ".join(parts)
