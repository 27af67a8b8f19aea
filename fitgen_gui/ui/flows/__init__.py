"""What happens when the user acts: Start/Stop/Resume, opening and saving projects, using a
trained model (evaluate, predict, export)."""
