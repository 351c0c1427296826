import json
import logging
import sys

from soar_sdk.SiemplifyDataModel import DomainEntityInfo


class ActionResult:
    def __init__(self):
        self.json_result = None
        self.tables = {}

    def add_result_json(self, json_result):
        self.json_result = json_result

    def add_data_table(self, title, data_table):
        self.tables[title] = data_table


class SiemplifyAction:
    def __init__(self):
        context = json.loads(sys.stdin.read() or "{}")
        self._configuration = context.get("integration_config", {})
        self.parameters = context.get("parameters", {})
        self.target_entities = [DomainEntityInfo(e["identifier"], e["entity_type"]) for e in context.get("target_entities", [])]
        self.script_name = ""
        self.result = ActionResult()
        self.LOGGER = logging.getLogger("siemplify")

    def extract_configuration_param(self, provider_name, param_name, default_value=None, is_mandatory=False, print_value=False, input_type=str):
        return self._extract(self._configuration, param_name, default_value, is_mandatory, input_type)

    def extract_action_param(self, param_name, default_value=None, is_mandatory=False, print_value=False, input_type=str):
        return self._extract(self.parameters, param_name, default_value, is_mandatory, input_type)

    @staticmethod
    def _extract(values, name, default_value, is_mandatory, input_type):
        value = values.get(name)
        if value in (None, ""):
            if is_mandatory:
                raise Exception(f"Missing mandatory parameter {name}")
            value = default_value
        if value is None:
            return None
        if input_type is bool and isinstance(value, str):
            return value.strip().lower() == "true"
        return input_type(value)

    def end(self, output_message, result_value, execution_state=0):
        print(json.dumps({
            "output_message": output_message,
            "result_value": result_value,
            "execution_state": execution_state,
            "json_result": self.result.json_result,
            "tables": self.result.tables,
        }))
        sys.exit(0)
