"""What the window knows: the Project (the one owner of the settings and of what is known
about their data), the binding of controls to it, and the trained model in use."""
