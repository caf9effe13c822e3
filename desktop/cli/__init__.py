"""The command line, `intheroom`: the parser and `main` in `main.py`; one module per group of
commands (`documents`: new, import, export, validate; `handout`; `windows`: open, capture, demo,
snapshot; `tables`; `roster`); what they share in `common.py`.

No module here imports `desktop.__main__` (it only calls `main`), so there is no cycle.
"""
