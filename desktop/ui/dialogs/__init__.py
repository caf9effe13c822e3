"""Dialogs the console opens: print the pack, import a roster, settings, the guide, welcome."""
