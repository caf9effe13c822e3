"""Which packages the wheel carries: `desktop`, and resources/ mapped in as `desktop._resources`.

resources/ stays at the top of the repository (the README's pictures, the PyInstaller spec and
the icon script read it there); setuptools copies it into the wheel as `desktop/_resources/`, so
an installed app finds its fonts, templates, phone page, sounds, guide and icons through
`importlib.resources` (desktop/paths.py). An editable install maps the same name to the folder.
Everything else is in pyproject.toml; this file exists only because pyproject's
`packages.find` can't add a package that lives outside the package's own folder.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["desktop", "desktop.*"]), "desktop._resources"],
    package_dir={"desktop._resources": "resources"},
)
