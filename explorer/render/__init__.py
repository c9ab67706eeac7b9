"""Drawing with matplotlib alone, for the window and for headless export."""
