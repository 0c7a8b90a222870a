"""The open-set calibration in words and plain JSON (no torch: light enough for the GUI thread)."""

from __future__ import annotations

from typing import Mapping, Optional


def sentence(report: Mapping[str, object]) -> str:
    """The calibration in one sentence a user can read."""
    flagged, keep = report.get("unseen_flagged"), report.get("known_kept")
    if not isinstance(flagged, (int, float)) or not isinstance(keep, (int, float)):
        return "Unknown pictures: decided by the plain probability threshold (no open-set calibration)."
    return (f"Of pictures of characters you have not labelled, about {flagged:.0%} will be set aside as "
            f"unknown, while {keep:.0%} of pictures of your characters are kept.")


def summary(report: Optional[Mapping[str, object]]) -> Optional[dict]:
    """The calibration figures as plain JSON for ``--json`` outputs (None without calibration)."""
    if not report:
        return None
    keys = ("threshold", "keep", "known_kept", "unseen_flagged", "auroc", "softmax_unseen_flagged",
            "softmax_auroc", "held_out_characters", "folds")
    return {k: report[k] for k in keys if k in report}

