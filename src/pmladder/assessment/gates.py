"""CI gates: thresholds that turn a score into a pass or a fail (exit code 1)."""

from __future__ import annotations

from dataclasses import dataclass

from pmladder.assessment.scoring import COMPLETE_AT, Score, Verdict


@dataclass(frozen=True)
class Gates:
    """`--fail-under PCT` (also failed by an incomplete assessment) and `--max-gap N` (rated gaps); either may be absent."""

    fail_under: float | None = None
    max_gap: int | None = None

    @property
    def active(self) -> bool:
        return self.fail_under is not None or self.max_gap is not None

    def failures(self, score: Score) -> list[str]:
        """Why a score falls short, one reason per gate; empty when it passes."""
        reasons = []
        if self.fail_under is not None:
            if score.verdict is Verdict.incomplete:
                reasons.append(f"incomplete: the ratings cover {score.coverage:.1f}% of the role, under {COMPLETE_AT}%")
            elif score.readiness is not None and score.readiness < self.fail_under:
                reasons.append(f"readiness {score.readiness:.1f} is below {self.fail_under:g}")
        if self.max_gap is not None:
            over = [s for s in score.skills if s.gap is not None and s.gap > self.max_gap]
            if over:
                listed = ", ".join(f"{s.skill} ({s.gap})" for s in over)
                reasons.append(f"gap above {self.max_gap} in {listed}")
        return reasons
