"""执法通 zhifa — administrative law-enforcement and supervision platform."""
