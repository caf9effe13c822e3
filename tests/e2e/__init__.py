"""End-to-end tests: the phone page in a real headless browser against a real RoomServer."""
