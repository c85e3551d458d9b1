"""Modules, their package versions, the content store; import, publish, export."""
