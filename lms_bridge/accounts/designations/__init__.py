"""Officially designated national coordinators: who acts for which administration, on whose letter.

The WCO grants access on the approval of a national coordinator "officially known to the
Secretariat"; a designation is that official record. Holding at least one active designation is
what gives a person the national coordinator role (``operations``).
"""
