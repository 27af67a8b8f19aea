"""The script both replica tests run in a fresh TensorFlow process (devices and clusters
are made once per process): after ``SETUP`` has made ``device``, a model trained on its
replicas and the same model on one device, from the same batches, printed as JSON."""

import textwrap

COMPARE_WITH_ONE_DEVICE = textwrap.dedent("""
    import json
    import keras, numpy as np
    from fitgen_gui.training import tf_devices
    from fitgen_gui.training.generator_training import fit_generator

    rng = np.random.default_rng(0)
    X = rng.random((32, 6)).astype("float32")
    Y = (X.sum(1) > 3).astype("float32")

    def batches():
        while True:
            for b in range(4):
                yield X[b * 8:(b + 1) * 8], Y[b * 8:(b + 1) * 8]

    class Seen(keras.layers.Layer):
        sizes = []  # the batch size each replica's step is traced with

        def call(self, x):
            Seen.sizes.append(x.shape[0])
            return x

    def make():
        keras.utils.set_random_seed(1)
        model = keras.Sequential([keras.Input((6,)), Seen(),
                                  keras.layers.Dense(4, activation="relu"),
                                  keras.layers.Dense(1, activation="sigmoid")])
        model.compile(keras.optimizers.SGD(0.5), "binary_crossentropy",
                      metrics=["accuracy"])
        return model

    with tf_devices.device_scope(device):
        replicated = make()
    common = dict(steps_per_epoch=4, epochs=2, verbose=0, validation_data=batches(),
                  validation_steps=2, workers=0, class_weight={0: 1.0, 1: 3.0})
    two = fit_generator(replicated, batches(), **common).history
    sizes = sorted(set(s for s in Seen.sizes if s is not None))
    one = fit_generator(make(), batches(), **common)  # one device, outside the strategy
    print(json.dumps({
        "replicas": device.replicas, "name": device.name, "workers": device.workers,
        "chief": device.is_chief, "sizes": sizes, "two": two, "one": one.history,
        "difference": max(float(np.abs(a - b).max()) for a, b in
                          zip(replicated.get_weights(), one.model.get_weights())),
    }))
""")


def script(setup: str) -> str:
    """``setup`` (making ``device``), then the comparison."""
    return textwrap.dedent(setup) + COMPARE_WITH_ONE_DEVICE
