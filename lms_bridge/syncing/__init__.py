"""Remote completion sources configured in the app: sources, mappings, runs, people to link."""
