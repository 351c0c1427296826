"""phantom.action_result.ActionResult: one parameter set's result (status, message, data, summary, param)."""
from phantom._status import StatusHolder


class ActionResult(StatusHolder):
    def __init__(self, param=None):
        self._param = dict(param or {})
        self._data = []
        self._summary = {}

    def add_data(self, item):
        self._data.append(item)
        return item

    def get_data(self):
        return self._data

    def update_summary(self, summary):
        self._summary.update(summary)
        return self._summary

    def set_summary(self, summary):
        self._summary = summary

    def get_summary(self):
        return self._summary

    def get_param(self):
        return self._param

    def to_json(self):
        return {
            "status": "success" if self._status else "failed",
            "message": self._message,
            "parameter": self._param,
            "data": self._data,
            "summary": self._summary,
        }
