"""What to do about a gap: on-the-job learning first, then projects aimed at the next level up."""

from __future__ import annotations

from pmladder.knowledge.values import Learning, LearningFormat, Project, Setting, Skill

ON_THE_JOB = (LearningFormat.practice, LearningFormat.mentoring)


def _outside(project: Project) -> bool:
    return project.setting is Setting.outside


def projects_for(skill: Skill, rating: int | None, limit: int = 2) -> list[Project]:
    """Projects that build toward the level after `rating`: the nearest level first, work before
    outside (a stretch assignment in the current job fits a person better than a side project),
    then the least effort. When none reaches that high, the most advanced ones are offered instead.
    """
    step = (rating or 0) + 1
    ahead = sorted(
        (p for p in skill.projects if p.builds_to >= step), key=lambda p: (p.builds_to, _outside(p), p.effort_hours)
    )
    if ahead:
        return ahead[:limit]
    return sorted(skill.projects, key=lambda p: (-p.builds_to, _outside(p), p.effort_hours))[:limit]


def on_the_job(skill: Skill) -> Learning | None:
    """The skill's first learning item done at work (practice, then mentoring), if any."""
    for kind in ON_THE_JOB:
        for item in skill.learning:
            if item.format is kind:
                return item
    return None


def next_step(skill: Skill, rating: int | None) -> tuple[Learning | None, tuple[Project, ...]]:
    """The one next step that fits a gap best: an on-the-job item, and at most two projects for the next level."""
    return on_the_job(skill), tuple(projects_for(skill, rating))
