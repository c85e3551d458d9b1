"""The learner runtime: launch, commits, attempts, grading, the JS SCORM API adapter."""
