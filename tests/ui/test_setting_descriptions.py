"""The panels show each setting as its description says (label, choices), as the CLI does."""

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QWidget

from fitgen_gui.core.config import field_label, setting_info

# Combos whose items are not the setting's choices: this computer's devices, and three
# named orders of interpolation_order's 0-5.
OWN_ITEMS = {"training.device", "augmentation.interpolation_order"}


def _row_label(widget: QWidget) -> str | None:
    parent = widget.parentWidget()
    while parent is not None:
        layout = parent.layout()
        if isinstance(layout, QFormLayout):
            label = layout.labelForField(widget)
            if isinstance(label, QLabel):
                return label.text()
        widget, parent = parent, parent.parentWidget()
    return None


def test_every_bound_control_shows_its_settings_label_and_choices(window):
    checked = 0
    for field in window.binder.fields():
        widget = window.binder.widget(field)
        info = setting_info(field)
        if isinstance(widget, QComboBox) and field not in OWN_ITEMS:
            items = [(widget.itemData(i), widget.itemText(i)) for i in range(widget.count())]
            assert items == list(info.choices), field
            checked += 1
        if isinstance(widget, QCheckBox):
            assert widget.text() == info.label, field
            checked += 1
        label = _row_label(widget)
        shared = sum(window.binder.widget(f) is widget for f in window.binder.fields()) > 1
        if label and not shared and not isinstance(widget, QCheckBox) and field not in (
                "augmentation.horizontal_flip", "augmentation.vertical_flip"):
            assert label == field_label(field), field
    assert checked > 30


def test_the_cli_offers_the_same_choices_as_the_settings():
    from fitgen_gui.cli import build_parser

    parser = build_parser()
    train = parser._subparsers._group_actions[0].choices["train"]
    options = {a.dest: a for a in train._actions}
    for dest, field in (("color_mode", "data.color_mode"), ("class_mode", "data.class_mode"),
                        ("architecture", "model.architecture"), ("optimizer", "optimizer.name"),
                        ("xla", "training.xla")):
        assert tuple(options[dest].choices) == setting_info(field).values, dest
    assert options["batch_size"].help.startswith(setting_info("data.batch_size").help[:30])
