"""phantom.app: the status constants and helpers connectors import."""
from phantom.action_result import ActionResult  # noqa: F401  (re-exported as the platform does)
from phantom.base_connector import BaseConnector  # noqa: F401

APP_SUCCESS = True
APP_ERROR = False


def is_success(status):
    return bool(status)


def is_fail(status):
    return not status
