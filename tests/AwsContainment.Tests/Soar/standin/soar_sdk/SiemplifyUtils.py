import functools


def output_handler(main):
    @functools.wraps(main)
    def run(*args, **kwargs):
        return main(*args, **kwargs)

    return run
