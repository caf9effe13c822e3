"""Widgets more than one window uses."""
