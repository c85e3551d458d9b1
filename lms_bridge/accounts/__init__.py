"""Users, roles, member administrations and regions, sign-in, API tokens, access requests, audit."""
