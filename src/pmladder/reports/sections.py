"""What every format shows about a role, in one place, so the renderers cannot drift apart."""

from __future__ import annotations

from collections.abc import Sequence

from pmladder.knowledge.models import Role


def role_sections(role: Role) -> list[tuple[str, Sequence[str]]]:
    """The titled lists of a role's profile, in display order; empty ones are left out."""
    sections: list[tuple[str, Sequence[str]]] = [
        ("Responsibilities", role.responsibilities),
        ("Day to day", role.day_to_day),
        ("Challenges", role.challenges),
        ("Where people come from", role.backgrounds),
        ("How to get there", role.advancement),
        ("Education", role.education),
        ("Growth", role.growth),
        ("Transferable skills", role.transferable_skills),
        ("Personal growth", role.personal_growth),
        ("Traits", role.traits),
        ("Learning formats", role.learning_formats),
        ("Company size", role.company_size),
        ("Specialisations", role.specialisations),
    ]
    return [(title, items) for title, items in sections if items]
