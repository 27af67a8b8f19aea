"""ImageDataGenerator means what Keras 2's meant: checked against Keras 2 itself (tf-keras)."""

import numpy as np
import pandas as pd
import pytest
from tf_keras.preprocessing.image import ImageDataGenerator as Keras2Generator

from fitgen_gui.data import ImageDataGenerator, transforms
from tests.data.conftest import natural_image

PARAMS = [
    {"theta": 17.0, "tx": 6.5, "ty": -9.2, "shear": 8.0, "zx": 0.85, "zy": 1.1},
    {"theta": -35.0, "tx": 0.0, "ty": 0.0, "shear": 0.0, "zx": 1.3, "zy": 1.2},
    {"theta": 0.0, "tx": 12.0, "ty": 17.0, "shear": 0.0, "zx": 1.0, "zy": 1.0},
    {"theta": 5.0, "tx": -3.0, "ty": 2.0, "shear": -20.0, "zx": 0.7, "zy": 0.9,
     "flip_horizontal": True, "flip_vertical": True},
]


def mae(a, b):
    return float(np.abs(np.asarray(a, np.float64) - np.asarray(b, np.float64)).mean())


@pytest.mark.parametrize("fill_mode", ["nearest", "constant", "reflect", "wrap"])
@pytest.mark.parametrize("params", PARAMS)
def test_apply_transform_gives_keras_2s_image(fill_mode, params):
    image = natural_image(3, 48, 64).astype(np.float32)
    ours = ImageDataGenerator(fill_mode=fill_mode, cval=40.0).apply_transform(image, params)
    theirs = Keras2Generator(fill_mode=fill_mode, cval=40.0).apply_transform(image.copy(), params)
    assert ours.shape == theirs.shape
    assert mae(ours, theirs) < 1.0


@pytest.mark.parametrize("order", [0, 1, 3])
def test_apply_transform_interpolation_orders(order):
    image = natural_image(4, 40, 40).astype(np.float32)
    ours = ImageDataGenerator(interpolation_order=order).apply_transform(image, PARAMS[0])
    theirs = Keras2Generator(interpolation_order=order).apply_transform(image.copy(), PARAMS[0])
    assert mae(ours, theirs) < (1.0 if order < 3 else 3.0)  # bicubic is not a cubic spline


def test_apply_transform_pixel_operations_and_flips():
    image = natural_image(5, 30, 40).astype(np.float32)
    params = {"channel_shift_intensity": 37.0, "brightness": 1.3, "flip_horizontal": True}
    ours = ImageDataGenerator().apply_transform(image, params)
    theirs = Keras2Generator().apply_transform(image.copy(), params)
    assert mae(ours, theirs) < 1.0  # Keras 2 rounds through 8 bits for brightness


def test_apply_transform_channels_first_and_grayscale():
    gray = natural_image(6, 36, 36, channels=1).astype(np.float32)
    ours = ImageDataGenerator().apply_transform(gray, PARAMS[0])
    assert ours.shape == (36, 36, 1)
    assert mae(ours, Keras2Generator().apply_transform(gray.copy(), PARAMS[0])) < 1.0
    chw = np.moveaxis(natural_image(7, 36, 44), -1, 0).astype(np.float32)
    ours = ImageDataGenerator(data_format="channels_first").apply_transform(chw, PARAMS[1])
    theirs = Keras2Generator(data_format="channels_first").apply_transform(chw.copy(), PARAMS[1])
    assert ours.shape == (3, 36, 44)
    assert mae(ours, theirs) < 1.0


def test_get_random_transform_has_keras_2s_keys_and_ranges():
    options = {"rotation_range": 30, "width_shift_range": 0.1, "height_shift_range": [-4, 4],
               "shear_range": 5, "zoom_range": 0.2, "channel_shift_range": 10,
               "brightness_range": (0.5, 1.5), "horizontal_flip": True}
    ours = ImageDataGenerator(**options).get_random_transform((50, 80, 3), seed=1)
    theirs = Keras2Generator(**options).get_random_transform((50, 80, 3), seed=1)
    assert ours.keys() == theirs.keys()
    draws = [ImageDataGenerator(**options).get_random_transform((50, 80, 3), seed=s)
             for s in range(200)]
    assert all(-30 <= d["theta"] <= 30 for d in draws)
    assert all(abs(d["ty"]) <= 8 for d in draws)  # 0.1 of the width (80)
    assert {abs(d["tx"]) for d in draws} <= {0.0, 4.0}  # discrete choices, either sign
    assert all(0.8 <= d["zx"] <= 1.2 and 0.8 <= d["zy"] <= 1.2 for d in draws)
    assert {d["flip_horizontal"] for d in draws} == {True, False}
    assert ImageDataGenerator(**options).get_random_transform((50, 80, 3), seed=7) == \
        ImageDataGenerator(**options).get_random_transform((50, 80, 3), seed=7)


NORMALIZATIONS = [
    {"rescale": 1 / 255},
    {"samplewise_center": True, "samplewise_std_normalization": True},
    {"featurewise_center": True, "featurewise_std_normalization": True, "rescale": 0.5},
    {"zca_whitening": True, "zca_epsilon": 0.1},
    {"preprocessing_function": lambda x: x[..., ::-1] - 10.0, "rescale": 2.0},
]


@pytest.mark.filterwarnings("ignore:.*(implies|overrides).*:UserWarning")
@pytest.mark.filterwarnings("ignore:This ImageDataGenerator specifies:UserWarning")
@pytest.mark.parametrize("options", NORMALIZATIONS)
def test_fit_and_standardize_give_keras_2s_numbers(options):
    sample = np.stack([natural_image(s, 12, 10) for s in range(20)]).astype(np.float32)
    ours, theirs = ImageDataGenerator(**options), Keras2Generator(**options)
    ours.fit(sample)
    theirs.fit(sample)
    for attribute in ("mean", "std", "zca_whitening_matrix"):
        a, b = getattr(ours, attribute), getattr(theirs, attribute)
        assert (a is None) == (b is None)
        if a is not None:
            np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-4)
    for image in sample[:3]:
        np.testing.assert_allclose(ours.standardize(image.copy()),
                                   theirs.standardize(image.copy()), rtol=1e-4, atol=1e-3)
    # The iterators normalize image by image, vectorized: the same numbers.
    batch = ours.standardize_batch(sample[:4].copy())
    for got, image in zip(batch, sample[:4], strict=True):
        np.testing.assert_allclose(got, theirs.standardize(image.copy()), rtol=1e-4, atol=1e-3)


# -- flow_from_directory -----------------------------------------------------------------


def directory_pair(root, **kwargs):
    options = kwargs.pop("generator", {})
    fast = {"fast_resize": kwargs.pop("fast_resize")} if "fast_resize" in kwargs else {}
    common = {"target_size": (20, 24), "shuffle": False, "batch_size": 4, **kwargs}
    ours = ImageDataGenerator(**options).flow_from_directory(str(root), **common, **fast)
    theirs = Keras2Generator(**options).flow_from_directory(str(root), **common)
    return ours, theirs


@pytest.mark.parametrize("class_mode", ["categorical", "binary", "sparse", "input", None])
def test_flow_from_directory_lists_and_labels_like_keras_2(image_tree, class_mode):
    kwargs = {"class_mode": class_mode}
    if class_mode == "binary":
        kwargs["classes"] = ["dogs", "cats"]
    ours, theirs = directory_pair(image_tree, **kwargs)
    assert ours.class_indices == theirs.class_indices
    assert ours.filenames == theirs.filenames
    np.testing.assert_array_equal(ours.classes, theirs.classes)
    assert ours.samples == theirs.samples and len(ours) == len(theirs)
    for index in range(len(ours)):
        a, b = ours[index], theirs[index]
        if class_mode is None:
            assert a.shape == b.shape and a.dtype == b.dtype
            continue
        assert a[0].shape == b[0].shape
        if class_mode == "input":
            np.testing.assert_array_equal(a[1], a[0])
        else:
            np.testing.assert_array_equal(a[1], b[1])
            assert a[1].dtype == b[1].dtype


@pytest.mark.parametrize("subset", ["training", "validation"])
def test_flow_from_directory_subsets_like_keras_2(image_tree, subset):
    ours, theirs = directory_pair(image_tree, subset=subset,
                                  generator={"validation_split": 0.3})
    assert ours.filenames == theirs.filenames
    np.testing.assert_array_equal(ours.classes, theirs.classes)


@pytest.mark.parametrize("interpolation", ["nearest", "bilinear", "bicubic", "lanczos", "box",
                                           "hamming"])
@pytest.mark.parametrize("keep_aspect_ratio", [False, True])
def test_flow_from_directory_pixels_without_augmentation_are_keras_2s(
        image_tree, interpolation, keep_aspect_ratio):
    # Pillow decodes and resizes as Keras 2's load_img did: the same pixels, to the bit,
    # which are also what an exported model's preprocessing.json declares.
    ours, theirs = directory_pair(image_tree, interpolation=interpolation,
                                  keep_aspect_ratio=keep_aspect_ratio)
    for index in range(len(ours)):
        np.testing.assert_array_equal(ours[index][0], theirs[index][0])


def test_fast_resize_reads_with_opencv_close_to_keras_2(image_tree):
    ours, theirs = directory_pair(image_tree, generator={"rescale": 1 / 255},
                                  interpolation="bilinear", fast_resize=True)
    assert ours.fast_resize
    for index in range(len(ours)):
        # OpenCV's and Pillow's bilinear resizes differ slightly when downscaling.
        assert mae(ours[index][0] * 255, theirs[index][0] * 255) < 6.0


@pytest.mark.parametrize("fill_mode", ["nearest", "constant", "reflect", "wrap"])
def test_augmented_folder_images_are_their_draws_applied_to_keras_2s_pixels(image_tree,
                                                                           fill_mode):
    # The exact path warps Pillow's RGBX layout (faster in OpenCV) and drops the X: the
    # very pixels of warping the RGB image, and those of Keras 2's own augmentation.
    options = {"rotation_range": 30, "width_shift_range": 0.2, "shear_range": 10,
               "zoom_range": 0.2, "horizontal_flip": True, "fill_mode": fill_mode,
               "cval": 40.0}
    generator = ImageDataGenerator(**options)
    common = {"target_size": (20, 24), "batch_size": 16, "shuffle": False,
              "class_mode": None}
    ours = generator.flow_from_directory(str(image_tree), seed=3, **common)
    plain = ImageDataGenerator().flow_from_directory(str(image_tree), **common)[0]
    keras2_plain = Keras2Generator().flow_from_directory(str(image_tree), **common)[0]
    batch = ours[0]
    params = generator.draw_transforms(ours.augmentation_rng(0, 0), 16, ours.image_shape)
    for i in range(16):
        drawn = generator.pick(params, i)
        matrix = transforms.transform_parameters_matrix(drawn, 20, 24)
        expected = transforms.warp(plain[i].astype(np.uint8), matrix, (20, 24),
                                   fill_mode=fill_mode, cval=40.0)
        np.testing.assert_array_equal(batch[i], expected)
        if fill_mode in ("nearest", "reflect"):  # the others: OpenCV's edges, not scipy's
            theirs = Keras2Generator(**options).apply_transform(keras2_plain[i].copy(), drawn)
            assert mae(batch[i], theirs) < 2.0


def test_flow_from_directory_grayscale_and_rgba(image_tree):
    for mode, channels in (("grayscale", 1), ("rgba", 4)):
        ours, theirs = directory_pair(image_tree, color_mode=mode)
        assert ours[0][0].shape == theirs[0][0].shape == (4, 20, 24, channels)


# -- flow --------------------------------------------------------------------------------


def test_flow_outputs_like_keras_2():
    x = np.stack([natural_image(s, 16, 16) for s in range(10)]).astype(np.float32)
    y = np.arange(10) % 2
    w = np.linspace(0.1, 1, 10)
    misc = np.arange(10.0)[:, None]
    for args in ({"y": y}, {"y": y, "sample_weight": w}, {"y": None}):
        ours = ImageDataGenerator().flow(x, batch_size=4, shuffle=False, **args)
        theirs = Keras2Generator().flow(x, batch_size=4, shuffle=False, **args)
        a, b = ours[2], theirs[2]
        assert type(a) is type(b)
        for part_a, part_b in zip(a if isinstance(a, tuple) else [a],
                                  b if isinstance(b, tuple) else [b], strict=True):
            np.testing.assert_allclose(part_a, part_b)
    ours = ImageDataGenerator().flow((x, misc), y, batch_size=4, shuffle=False)
    batch_x, _batch_y = ours[1]
    assert isinstance(batch_x, list) and batch_x[1].tolist() == [[4.0], [5.0], [6.0], [7.0]]


def test_flow_subsets_like_keras_2():
    x = np.zeros((10, 4, 4, 3), np.float32)
    y = np.array([0, 1] * 5)
    for subset in ("training", "validation"):
        ours = ImageDataGenerator(validation_split=0.4).flow(x, y, subset=subset, shuffle=False)
        theirs = Keras2Generator(validation_split=0.4).flow(x, y, subset=subset, shuffle=False)
        assert ours.n == theirs.n
        np.testing.assert_array_equal(ours[0][1], theirs[0][1])
    with pytest.raises(ValueError, match="different classes after the split"):
        ImageDataGenerator(validation_split=0.5).flow(x, np.array([0] * 5 + [1] * 5),
                                                      subset="training")


def test_flow_augmentation_matches_apply_transform_of_its_own_draws():
    x = np.stack([natural_image(s, 24, 24) for s in range(3)]).astype(np.float32)
    generator = ImageDataGenerator(rotation_range=40, zoom_range=0.3, fill_mode="constant")
    iterator = generator.flow(x, batch_size=3, shuffle=False, seed=5)
    batch = iterator[0]
    params = generator.draw_transforms(iterator.augmentation_rng(0, 0), 3, (24, 24, 3))
    for i in range(3):
        expected = Keras2Generator(fill_mode="constant").apply_transform(
            x[i].copy(), generator.pick(params, i))
        assert mae(batch[i], expected) < 1.0


# -- flow_from_dataframe -----------------------------------------------------------------


@pytest.mark.parametrize("weights", [["2", "1"], [True, False]])
def test_a_weight_column_that_is_not_numbers_is_refused_like_keras_2(image_tree, weights):
    # Keras 2 checks the column's type first, even when no file of the table is valid.
    frame = pd.DataFrame({"filename": ["none.png", "nothing.png"], "class": ["a", "b"],
                          "w": weights})
    common = {"directory": str(image_tree), "weight_col": "w"}
    with pytest.raises(TypeError, match="Column weight_col=w must be numeric"):
        Keras2Generator().flow_from_dataframe(frame, **common)
    with pytest.raises(TypeError, match="Column weight_col=w must be numeric"):
        ImageDataGenerator().flow_from_dataframe(frame, **common)


def dataframe_of(tree):
    rows = []
    for path in sorted(tree.rglob("*")):
        if path.is_file():
            rows.append({"filename": str(path.relative_to(tree)), "class": path.parts[-2]
                         if path.parent.name != "sub" else "cats",
                         "score": float(len(rows)), "w": 1.0 + len(rows) % 3})
    rows.append({"filename": "missing.png", "class": "cats", "score": 0.0, "w": 1.0})
    return pd.DataFrame(rows)


@pytest.mark.filterwarnings("ignore:Found 2 invalid image filename:UserWarning")
@pytest.mark.parametrize(("class_mode", "y_col"), [
    ("categorical", "class"), ("sparse", "class"), ("raw", "score"), (None, "class"),
    ("multi_output", ["score", "w"]), ("input", "class"), ("raw", ["score", "w"]),
])
def test_flow_from_dataframe_like_keras_2(image_tree, tmp_path, class_mode, y_col):
    frame = dataframe_of(image_tree)
    common = {"directory": str(image_tree), "target_size": (16, 16), "shuffle": False,
              "batch_size": 5, "class_mode": class_mode, "y_col": y_col, "weight_col": "w"}
    theirs = Keras2Generator().flow_from_dataframe(frame, **common)
    csv_path = tmp_path / "table.csv"
    frame.to_csv(csv_path, index=False)
    for source in (frame, str(csv_path)):  # a CSV path works without pandas
        ours = ImageDataGenerator().flow_from_dataframe(source, **common)
        assert ours.filenames == theirs.filenames
        if class_mode in ("categorical", "sparse"):
            assert ours.class_indices == theirs.class_indices
            assert list(ours.classes) == list(theirs.classes)
        a, b = ours[1], theirs[1]
        if class_mode is None:
            assert a.shape == b.shape
            continue
        assert len(a) == len(b)
        np.testing.assert_allclose(a[-1], b[-1])  # sample weights
        if class_mode not in ("input",):
            targets_a = a[1] if isinstance(a[1], list) else [a[1]]
            targets_b = b[1] if isinstance(b[1], list) else [b[1]]
            for ta, tb in zip(targets_a, targets_b, strict=True):
                np.testing.assert_allclose(np.asarray(ta, float), np.asarray(tb, float))
