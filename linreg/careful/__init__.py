"""The careful path: exact where it can be, correctly rounded where it cannot.

The teaching core (:mod:`linreg.core`) writes each formula as plainly as it can be
written.  These modules answer the questions that plain floats answer badly:

    exact.py          exact sums of the data as ratios of integers, rounded once at the end
    least_squares.py  the closed-form optimum and R², from those exact sums
    stability.py      the Hessian, its eigenvalues, and an exact test of α < 2/λmax
    fit.py            descent in standardized coordinates, where the Hessian is I, run to
                      the rounding floor
    training.py       the training loop with its instruments: stopping tolerance, history,
                      a line through the origin, a pluggable gradient

None of them needs the ``fractions`` module, so all of them run under python3-minimal.
"""
