"""Assessments: answers files, the questionnaire that writes them, and scoring."""
