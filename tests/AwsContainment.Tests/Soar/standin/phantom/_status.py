"""What BaseConnector and ActionResult share: a status code and its message."""


class StatusHolder:
    _status = False
    _message = ""

    def set_status(self, status_code, status_message="", exception=None):
        self._status = status_code
        self._message = status_message
        return status_code

    def get_status(self):
        return self._status

    def get_message(self):
        return self._message

    def append_to_message(self, message):
        self._message += message
