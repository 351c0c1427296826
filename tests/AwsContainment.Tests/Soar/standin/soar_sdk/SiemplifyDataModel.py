class EntityTypes:
    ADDRESS = "ADDRESS"
    HOSTNAME = "HOSTNAME"
    USER = "USERUNIQNAME"


class DomainEntityInfo:
    def __init__(self, identifier, entity_type):
        self.identifier = identifier
        self.entity_type = entity_type
        self.additional_properties = {}
