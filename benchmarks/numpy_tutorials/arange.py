"""The "arange" tutorial as its post wrote it (shared/seeds/000), with NumPy seed 0."""
import numpy as np

np.random.seed(0)
X_data = np.arange(100, step=0.1, dtype=np.float32)
y_data = (4000 + 50 * X_data) + np.random.normal(0, 3, size=len(X_data)) * 100
W = np.random.random()
b = 0
step_size = 0.0005
for epoch in range(50000):
    y_pred = W * X_data + b
    loss = 0.5 * np.mean((y_pred - y_data) ** 2)
    dW = np.mean((y_pred - y_data) * X_data)
    db = np.mean(y_pred - y_data)
    W -= step_size * dW
    b -= step_size * db
    if epoch % 5000 == 0:
        print("Epoch:{}, W:{}, b:{}, loss:{}, dW:{}, db:{}".format(epoch, W, b, loss, dW, db))
print("Training Stats: \nEpochs:{}, W:{}, b:{}, loss:{}, dW:{}, db:{}".format(epoch, W, b, loss, dW, db))
