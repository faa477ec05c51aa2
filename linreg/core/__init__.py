"""The teaching core: the whole of gradient descent for a line, in five short modules.

Read them in this order; each function is one formula, stated in its docstring, with
each step of the derivation beside the line that computes it:

    numbers.py   the number types, and Σ (exact for Fractions, correctly rounded for floats)
    data.py      seeded points on a line plus Gaussian noise
    model.py     ŷ = W·x + b, the residual rᵢ = W·xᵢ + b − yᵢ, the loss L = (1/d)·Σrᵢ²
    gradient.py  ∂L/∂W = (2/d)·Σrᵢ·xᵢ and ∂L/∂b = (2/d)·Σrᵢ, by the chain rule
    descent.py   the update W ← W − α·∂L/∂W, b ← b − α·∂L/∂b, and the loop that repeats it

and then, for d features at once, the same formulas with a sum over j:

    features.py  ŷ = w·x + b = Σⱼ wⱼ·xⱼ + b, ∂L/∂wⱼ = (2/d)·Σrᵢ·xᵢⱼ, and the update

These functions trust their input: they are the formulas and nothing else.  The
functions a user calls (``linreg.loss``, ``linreg.train``, …, in :mod:`linreg.api`)
check every argument once, at the door, and then call these.
"""
