"""Sign-in extras: second factor (TOTP + backup codes), lockout release, password change,
sign-in auditing and the user's language."""
