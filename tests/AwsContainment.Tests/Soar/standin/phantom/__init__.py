"""A stand-in for Splunk SOAR's connector API (phantom.*), written from Splunk's "App authoring API" reference,
so the tests can run the real connector module outside the platform. Only what the documentation specifies."""
