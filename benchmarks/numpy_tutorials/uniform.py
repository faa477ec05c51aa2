"""The "uniform" tutorial from its post's facts (shared/tutorials.md; its code is lost)."""
import numpy as np

np.random.seed(42)
x = np.random.uniform(-10, 10, 10000)
y = 7.6 * x - 3.3 + np.random.normal(0, 3, 10000)
w, b, learning_rate = -1.0, 0.0, 1e-6
for epoch in range(1, 501):
    e = y - (w * x + b)
    w -= learning_rate * (-2 * np.sum(x * e))
    b -= learning_rate * (-2 * np.sum(e))
    if epoch % 50 == 0:
        print(round(np.sum((y - (w * x + b)) ** 2)))
print("y = %.2f x %s %.2f" % (w, "-" if b < 0 else "+", abs(b)))
