"""Which self-guided projects to suggest for a gap: those aimed at the next level up."""

from __future__ import annotations

from pmladder.knowledge.models import Project, Skill


def projects_for(skill: Skill, rating: int | None, limit: int = 2) -> list[Project]:
    """Projects that build toward the level after `rating`, nearest first, then least effort.

    When none reaches that high, the most advanced ones are offered instead.
    """
    step = (rating or 0) + 1
    ahead = sorted((p for p in skill.projects if p.builds_to >= step), key=lambda p: (p.builds_to, p.effort_hours))
    if ahead:
        return ahead[:limit]
    return sorted(skill.projects, key=lambda p: (-p.builds_to, p.effort_hours))[:limit]
