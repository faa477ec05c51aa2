"""Record the seeded generator's stream, straight from random.Random, as test data.

    python3 tools/record_seeded.py > tests/data/seeded.json

It does not import linreg: it writes down what the specification
yᵢ = W·xᵢ + b + σ·gᵢ, gᵢ = random.Random(seed).gauss(0.0, 1.0), xᵢ = i·0.1, gives on
the interpreter that runs it, so tests/test_data.py can check that every
interpreter in the matrix produces the very same bits.
"""

import json
import math
import platform
import random
import sys


def main() -> None:
    cases = []
    for seed in (0, 1, 2**32 - 1, 2**70):
        rng = random.Random(seed)
        xs = [i * 0.1 for i in range(1000)]
        ys = [50.0 * x + 4000.0 + 300.0 * rng.gauss(0.0, 1.0) for x in xs]
        start = rng.random()
        cases.append({
            "seed": seed,
            "first_ys": [y.hex() for y in ys[:5]],
            "last_y": ys[-1].hex(),
            "fsum_ys": math.fsum(ys).hex(),
            "next_random_after": start.hex(),
        })  # fmt: skip
    json.dump(
        {
            "made_by": "python3 tools/record_seeded.py > tests/data/seeded.json",
            "interpreter": "%s %s on %s"
            % (platform.python_implementation(), platform.python_version(), platform.machine()),
            "spec": (
                "x_i = i*0.1 (i < 1000); y_i = 50.0*x_i + 4000.0 + 300.0*rng.gauss(0.0, 1.0);"
                " then one rng.random()"
            ),
            "cases": cases,
        },
        sys.stdout,
        indent=1,
    )
    print()


if __name__ == "__main__":
    main()
