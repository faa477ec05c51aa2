"""Pictures of a run, with nothing but the standard library.

svg.py     SVG text built by hand (python3-minimal has no xml module): escaping,
           axes, ticks
figure.py  the two-panel figure: the data and the line at each checkpoint, and the
           loss per iteration on a log scale
text.py    the loss as one line of block characters, for a terminal
"""
