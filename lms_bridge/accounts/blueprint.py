"""The accounts blueprint: the sign-in, people, designation and password pages all hang on it."""
from flask import Blueprint

blueprint = Blueprint("accounts", __name__, template_folder="templates")
