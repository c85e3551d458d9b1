"""SCORM run-time environment, pure: the data models of SCORM 1.2 and SCORM 2004 4th edition.

(Placeholder docstring, completed below.)
"""
from scorm.runtime.session import RuntimeSession, SessionStatus
from scorm.runtime.launch import LaunchContext, Credit, Mode, Entry, TimeLimitAction, LmsComment, SharedDataMap
