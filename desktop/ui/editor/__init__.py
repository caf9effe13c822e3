"""The event editor: the window (window.py), its details tab (details.py), its agenda tab with
the selected segment's long texts (agenda.py), the list tabs for questions, resources,
contributors and the roster (list_tab.py), and what their tables share (cells.py, long_text.py).
The tables tab is desktop/ui/tables_tab.py; importing the editor loads the planner (numpy) with
it, so the console imports it only when the editor is first opened."""

from __future__ import annotations

from desktop.ui.editor.window import EditorWindow

__all__ = ["EditorWindow"]
