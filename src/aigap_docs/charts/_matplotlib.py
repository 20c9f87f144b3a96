"""matplotlib's drawing modules, imported without the docstrings nothing here reads.

matplotlib writes, for every Artist class it defines, a `set()` docstring listing all the class's
properties (`matplotlib.artist.kwdoc`): 0.08 s of the 0.4 s its import takes, in every build that draws.
While this module imports the modules a chart is drawn with, those docstrings are left short; the
signatures, and everything a chart's pixels depend on, are as matplotlib makes them. charts/draw.py imports
matplotlib through it, before anything else of matplotlib's.
"""

import matplotlib.artist

_kwdoc = matplotlib.artist.kwdoc
matplotlib.artist.kwdoc = lambda artist: ""
try:
    import matplotlib.axes
    import matplotlib.font_manager
    import matplotlib.patches
    import matplotlib.text  # noqa: F401
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.style import context as style_context
finally:
    matplotlib.artist.kwdoc = _kwdoc

__all__ = ["Figure", "FigureCanvasAgg", "style_context"]
