"""Reportlab handouts: the Reflect & Connect pack and the agenda handout (issue 5)."""
