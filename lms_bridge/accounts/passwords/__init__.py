"""Passwords: a one-time reset link sent by e-mail, and a signed-in change."""
