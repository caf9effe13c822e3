"""The app's bundled files, installed as the package `desktop._resources` (see setup.py)."""
