"""The "train/test" tutorial as its post wrote it (shared/seeds/003), NumPy seed 43."""
import numpy as np

np.random.seed(43)
X = np.linspace(0, 100, 400)
y = 3.5 * X + 10 + np.random.normal(0, 25, size=X.shape)
indices = np.random.permutation(len(X))
X_train, y_train = X[indices[:320]], y[indices[:320]]
X_test, y_test = X[indices[320:]], y[indices[320:]]


def model(X, w_1, w_2):
    return w_1 * X + w_2


a = 5e-4
n_iters = 100000


def gradient_descent(X, y, w_1, w_2):
    for _ in range(n_iters):
        predictions = model(X, w_1, w_2)
        error = predictions - y
        w_1 = w_1 - a * np.mean(error * X)
        w_2 = w_2 - a * np.mean(error)
    return w_1, w_2


w_1, w_2 = gradient_descent(X_train, y_train, 0, 0)
y_pred = model(X_test, w_1, w_2)
ss_res = np.sum((y_test - y_pred) ** 2)
ss_tot = np.sum((y_test - np.mean(y_test)) ** 2)
print("R² on Test Data = %.2f" % (1 - ss_res / ss_tot))
print("Final Model: w_1=%.2f, w_2=%.2f" % (w_1, w_2))
