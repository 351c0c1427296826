from soar_sdk.SiemplifyUtils import output_handler

from ..core.aws_containment_runner import main


@output_handler
def run():
    main("Remove a User from a Group")


if __name__ == "__main__":
    run()
