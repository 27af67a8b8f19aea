"""ImageDataGenerator's iterators: seeds, epochs, workers, formats, errors, training."""

import io
import os

import keras
import numpy as np
import pytest
from PIL import Image

from fitgen_gui.data import ImageDataGenerator
from fitgen_gui.data.batch_streams import open_stream
from fitgen_gui.data.image_io import IMAGE_EXTENSIONS, ImageReadError, read_image
from fitgen_gui.training import fit_generator
from tests.data.conftest import natural_image, save

AUGMENT = {"rotation_range": 20, "width_shift_range": 0.1, "height_shift_range": 0.1,
           "shear_range": 10, "zoom_range": 0.2, "horizontal_flip": True,
           "brightness_range": (0.8, 1.2), "channel_shift_range": 10, "rescale": 1 / 255}


def directory(tree, seed=1, **kwargs):
    options = {"target_size": (24, 24), "batch_size": 5, "seed": seed, **kwargs}
    return ImageDataGenerator(**AUGMENT).flow_from_directory(str(tree), **options)


def read_through(iterator, workers, processes=False, epochs=2):
    batches = []
    with open_stream(iterator, workers=workers, use_multiprocessing=processes, shuffle=False,
                     limit=len(iterator) * epochs) as stream:
        for _ in range(len(iterator) * epochs):
            batches.append(stream.next())
    return batches


def assert_same_batches(first, second):
    assert len(first) == len(second)
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a[0], b[0])
        np.testing.assert_array_equal(a[1], b[1])


@pytest.mark.slow
def test_a_seed_reproduces_its_batches_with_any_workers(image_tree):
    reference = read_through(directory(image_tree), workers=0)
    assert_same_batches(reference, read_through(directory(image_tree), workers=3))
    assert_same_batches(reference, read_through(directory(image_tree), workers=2,
                                                processes=True))
    other = read_through(directory(image_tree, seed=2), workers=0)
    assert not np.array_equal(reference[0][0], other[0][0])


def test_epochs_reshuffle_and_draw_new_augmentations(image_tree):
    iterator = directory(image_tree)
    first = [iterator[i] for i in range(len(iterator))]
    assert [len(b[0]) for b in first] == [5, 5, 5, 1]  # len == ceil(16 / 5), short last batch
    again = iterator[0]
    np.testing.assert_array_equal(first[0][0], again[0])  # same epoch, same batch
    iterator.on_epoch_end()
    second = [iterator[i] for i in range(len(iterator))]
    assert not np.array_equal(first[0][1], second[0][1]) or not np.array_equal(
        first[1][1], second[1][1])
    # Every image once per epoch: the labels of an epoch are a permutation of all labels.
    labels = np.concatenate([b[1] for b in second]).argmax(axis=1)
    assert sorted(labels.tolist()) == sorted(iterator.classes.tolist())


def test_without_shuffle_the_order_is_the_file_order(image_tree):
    iterator = directory(image_tree, shuffle=False, class_mode="sparse")
    labels = np.concatenate([iterator[i][1] for i in range(len(iterator))])
    np.testing.assert_array_equal(labels, iterator.classes)


def test_next_loops_forever_like_keras_2(image_tree):
    iterator = directory(image_tree, shuffle=False, class_mode="sparse")
    sizes = [len(next(iterator)[0]) for _ in range(9)]
    assert sizes == [5, 5, 5, 1, 5, 5, 5, 1, 5]
    batches = 0
    for _x_batch, _ in ImageDataGenerator().flow(np.zeros((7, 4, 4, 3)), np.zeros(7),
                                                 batch_size=3):
        batches += 1
        if batches >= 5:
            break
    assert batches == 5


def test_get_batch_without_augmentation_and_with_another_stream(image_tree):
    iterator = directory(image_tree, shuffle=False)
    plain = iterator.get_batch(0, augment=False)[0]
    again = iterator.get_batch(0, augment=False)[0]
    np.testing.assert_array_equal(plain, again)
    augmented, other = iterator.get_batch(0)[0], iterator.get_batch(0, stream=5)[0]
    assert not np.array_equal(plain, augmented)
    assert not np.array_equal(augmented, other)


def test_pydataset_attributes_are_settable_and_keras_fit_accepts_it(image_tree):
    iterator = directory(image_tree, target_size=(16, 16))
    iterator.workers, iterator.use_multiprocessing, iterator.max_queue_size = 2, False, 4
    assert (iterator.workers, iterator.max_queue_size) == (2, 4)
    assert isinstance(iterator, keras.utils.PyDataset)
    model = keras.Sequential([keras.Input((16, 16, 3)), keras.layers.Flatten(),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile("adam", "categorical_crossentropy")
    history = model.fit(iterator, epochs=1, verbose=0)
    assert np.isfinite(history.history["loss"][0])


@pytest.mark.slow
def test_flow_from_directory_then_fit_generator_trains(tmp_path):
    # Three classes a tiny model can tell apart: mostly red, green or blue photos.
    for c, name in enumerate(["red", "green", "blue"]):
        for i in range(6):
            pixels = natural_image(10 * c + i, 24, 24) // 3
            pixels[..., c] += 150
            save(tmp_path / "colours" / name / f"{i}.png", pixels)
    iterator = ImageDataGenerator(**AUGMENT).flow_from_directory(
        str(tmp_path / "colours"), target_size=(24, 24), batch_size=6, seed=0)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input((24, 24, 3)), keras.layers.Conv2D(8, 3, activation="relu"),
        keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(0.03), "categorical_crossentropy", metrics=["accuracy"])
    validation = ImageDataGenerator(rescale=1 / 255).flow_from_directory(
        str(tmp_path / "colours"), target_size=(24, 24), batch_size=9, shuffle=False)
    history = fit_generator(model, iterator, epochs=8, verbose=0, workers=2,
                            validation_data=validation)
    assert history.epoch == list(range(8))
    assert {"loss", "accuracy", "val_loss", "val_accuracy"} <= set(history.history)
    assert history.history["loss"][-1] < 0.7 * history.history["loss"][0]
    assert history.history["val_accuracy"][-1] > 0.6


# -- what is accepted and how it is read ----------------------------------------------------


def test_keras_2s_formats_by_default_and_gif_webp_when_asked(tmp_path):
    pixels = natural_image(1, 20, 30)
    for ext, fmt in [("png", None), ("jpg", None), ("jpeg", "JPEG"), ("bmp", None),
                     ("ppm", None), ("tif", None), ("tiff", None), ("gif", None),
                     ("webp", None)]:
        save(tmp_path / "all" / "one" / f"image.{ext}", pixels, fmt)
    save(tmp_path / "all" / "two" / "image.png", pixels)
    keras2 = ImageDataGenerator().flow_from_directory(str(tmp_path / "all"),
                                                       target_size=(20, 30), batch_size=20)
    assert keras2.samples == 8  # Keras 2 skips .gif and .webp
    assert not any(f.endswith((".gif", ".webp")) for f in keras2.filenames)
    iterator = ImageDataGenerator().flow_from_directory(
        str(tmp_path / "all"), target_size=(20, 30), batch_size=20,
        extensions=IMAGE_EXTENSIONS)
    assert iterator.samples == 10
    x, _ = iterator[0]
    assert np.isfinite(x).all() and x.shape == (10, 20, 30, 3)


def test_hidden_and_system_files_and_folders_are_ignored(image_tree):
    save(image_tree / "cats" / "._c0.png", natural_image(0, 8, 8))  # macOS resource fork
    save(image_tree / ".ipynb_checkpoints" / "x.png", natural_image(0, 8, 8))
    (image_tree / "dogs" / ".DS_Store").write_bytes(b"\0")
    iterator = directory(image_tree)
    assert list(iterator.class_indices) == ["cats", "dogs", "frogs"]
    assert all("/." not in f and not f.startswith(".") for f in iterator.filenames)


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_following_links_does_not_loop(image_tree):
    (image_tree / "cats" / "sub" / "loop").symlink_to(image_tree / "cats")
    iterator = directory(image_tree, follow_links=True)
    assert iterator.samples == 16
    assert iterator.link_loops


def test_exif_orientation_is_applied(tmp_path):
    wide = np.zeros((20, 40, 3), np.uint8)
    wide[:, :10] = (255, 0, 0)
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise when displayed
    path = tmp_path / "rotated.jpg"
    Image.fromarray(wide).save(path, exif=exif.tobytes(), quality=95)
    image = read_image(path)
    assert image.shape == (40, 20, 3)  # displayed upright: tall
    assert image[2, 10, 0] > 200 and image[-3, 10, 0] < 60  # the red band is now on top


def test_transparency_is_composited_on_white_and_16_bit_is_scaled(tmp_path):
    rgba = np.zeros((4, 4, 4), np.uint8)
    rgba[..., 3] = 0  # fully transparent black
    rgba[0, 0] = (255, 0, 0, 255)
    save(tmp_path / "a.png", rgba)
    image = read_image(tmp_path / "a.png")
    assert image[1, 1].tolist() == [255, 255, 255] and image[0, 0].tolist() == [255, 0, 0]
    assert read_image(tmp_path / "a.png", "rgba")[1, 1, 3] == 0
    Image.fromarray(np.full((4, 4), 40000, np.uint16)).save(tmp_path / "deep.png")
    assert read_image(tmp_path / "deep.png", "grayscale")[0, 0, 0] == round(40000 / 257)


def test_large_jpegs_are_decoded_at_reduced_scale_but_never_below_the_target(tmp_path):
    save(tmp_path / "big.jpg", natural_image(2, 800, 1000))
    assert read_image(tmp_path / "big.jpg", min_size=(224, 224)).shape == (400, 500, 3)
    assert read_image(tmp_path / "big.jpg", min_size=(500, 500)).shape == (800, 1000, 3)


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty"), (b"hello, not an image", "not an image"),
])
def test_unreadable_files_name_the_file(tmp_path, content, reason):
    path = tmp_path / "broken.jpg"
    path.write_bytes(content)
    with pytest.raises(ImageReadError, match=rf"broken\.jpg.*{reason}"):
        read_image(path)


def test_truncated_jpeg_names_the_file(tmp_path):
    buffer = io.BytesIO()
    Image.fromarray(natural_image(3, 64, 64)).save(buffer, "JPEG")
    (tmp_path / "cut.jpg").write_bytes(buffer.getvalue()[:200])
    with pytest.raises(ImageReadError, match=r"cut\.jpg"):
        read_image(tmp_path / "cut.jpg")


def test_keep_aspect_ratio_crops_the_centre(tmp_path):
    pixels = np.zeros((20, 60, 3), np.uint8)
    pixels[:, 20:40] = 255  # a white centre third
    save(tmp_path / "wide" / "a" / "x.png", pixels)
    save(tmp_path / "wide" / "b" / "x.png", pixels)
    x, _ = ImageDataGenerator().flow_from_directory(
        str(tmp_path / "wide"), target_size=(10, 10), keep_aspect_ratio=True,
        shuffle=False, interpolation="bilinear")[0]
    assert x[0].min() > 200  # only the white centre square is left


def test_save_to_dir_writes_the_augmented_images(image_tree, tmp_path):
    out = tmp_path / "seen"
    out.mkdir()
    iterator = ImageDataGenerator(**AUGMENT).flow_from_directory(
        str(image_tree), target_size=(16, 16), batch_size=3, save_to_dir=str(out),
        save_prefix="aug")
    iterator[0]
    assert len(list(out.glob("aug_*.png"))) == 3


@pytest.mark.parametrize(("options", "message"), [
    ({"fill_mode": "mirror"}, "fill_mode must be one of"),
    ({"zoom_range": (0.5,)}, "zoom_range must be a number or a pair"),
    ({"brightness_range": 1.2}, r"brightness_range must be a pair \(low, high\)"),
    ({"validation_split": 1.5}, "validation_split must be strictly between 0 and 1"),
    ({"rotation_range": -5}, "rotation_range must be 0 or more"),
    ({"data_format": "NHWC"}, "data_format must be 'channels_last'"),
])
def test_bad_settings_name_the_setting(options, message):
    with pytest.raises(ValueError, match=message):
        ImageDataGenerator(**options)


def test_bad_iterator_arguments_are_clear(image_tree):
    generator = ImageDataGenerator()
    with pytest.raises(ValueError, match="class_mode='binary' needs exactly 2 classes"):
        generator.flow_from_directory(str(image_tree), class_mode="binary")
    with pytest.raises(ValueError, match=r"needs ImageDataGenerator\(validation_split=\.\.\.\)"):
        generator.flow_from_directory(str(image_tree), subset="validation")
    with pytest.raises(FileNotFoundError, match="does not exist"):
        generator.flow_from_directory(str(image_tree / "nope"))
    with pytest.raises(ValueError, match="target_size must be"):
        generator.flow_from_directory(str(image_tree), target_size=224)
    with pytest.raises(ValueError, match="interpolation must be one of"):
        generator.flow_from_directory(str(image_tree), interpolation="cubic")
    with pytest.raises(IndexError, match="there are 1 batches"):
        generator.flow(np.zeros((3, 4, 4, 3)), batch_size=8)[1]


def test_the_preview_normalizes_with_exactly_the_statistics_training_uses(tmp_path):
    from fitgen_gui.core.config import RunConfig
    from fitgen_gui.data.demo_dataset import write_demo_dataset
    from fitgen_gui.data.pipeline import build_run_data
    from fitgen_gui.data.preview import FolderPreview

    demo = write_demo_dataset(tmp_path / "demo", counts={"train": 100, "val": 4})
    config = RunConfig()
    config = config.replace(**{
        "data.train_dir": str(demo / "train"),
        "data.target_size": (16, 16),
        "augmentation.featurewise_center": True,
        "augmentation.featurewise_std_normalization": True,
        "training.seed": 7,
    })
    training = build_run_data(config, seed=7).train.image_data_generator
    batch = FolderPreview().compute(config, 0, 0, False, 4)
    expected = build_run_data(config, seed=7).train
    x, _ = expected.get_batch(0, augment=False)
    np.testing.assert_allclose(batch.value_range, (x.min(), x.max()), rtol=1e-5)
    assert training.mean is not None and training.std is not None
