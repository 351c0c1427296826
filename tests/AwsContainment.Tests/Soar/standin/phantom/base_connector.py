"""phantom.base_connector.BaseConnector: the platform calls _handle_action(action JSON) on a connector; it calls
initialize(), handle_action(param) once per parameter set, then finalize(), and returns the run's result JSON."""
import json
import os
import sys

from phantom._status import StatusHolder


class BaseConnector(StatusHolder):
    def __init__(self):
        self._config = {}
        self._action_identifier = None
        self._action_results = []
        self._app_json = {}
        self.print_progress_message = False

    def _handle_action(self, in_json, handle):
        action = json.loads(in_json)
        self._config = action.get("config", {})
        self._action_identifier = action.get("identifier")
        # The platform reads the app JSON from the installed app's folder, where the connector module lives.
        folder = os.path.dirname(os.path.abspath(sys.modules[type(self).__module__].__file__))
        with open(os.path.join(folder, "app.json"), encoding="utf-8") as app_json:
            self._app_json = json.load(app_json)
        if self.initialize() is not False:
            for param in action.get("parameters", []):
                self.handle_action(param)
            self.finalize()
        results = [result.to_json() for result in self._action_results]
        return json.dumps({
            "identifier": self._action_identifier,
            "status": "success" if results and all(r["status"] == "success" for r in results) else "failed",
            "message": self._message,
            "action_results": results,
        })

    def initialize(self):
        return True

    def finalize(self):
        return True

    def handle_action(self, param):
        raise NotImplementedError

    def add_action_result(self, action_result):
        self._action_results.append(action_result)
        return action_result

    def get_action_identifier(self):
        return self._action_identifier

    def get_config(self):
        return self._config

    def get_app_json(self):
        return self._app_json

    def save_progress(self, progress_str_const, *unnamed_format_args, **named_format_args):
        if self.print_progress_message:
            print(progress_str_const.format(*unnamed_format_args, **named_format_args) if unnamed_format_args or named_format_args else progress_str_const)

    def send_progress(self, progress_str_const, *unnamed_format_args, **named_format_args):
        self.save_progress(progress_str_const, *unnamed_format_args, **named_format_args)

    def debug_print(self, tag, dump_object=""):
        print(f"DEBUG {tag} {dump_object}", file=sys.stderr)
