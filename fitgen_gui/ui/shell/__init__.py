"""The app's shell: menus and actions, the icon, QSettings, the last session, the style."""
