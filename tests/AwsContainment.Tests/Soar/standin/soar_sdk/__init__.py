"""A stand-in for Google SecOps SOAR's action SDK (soar_sdk.*), written from Google's integration documentation
(SiemplifyAction, ScriptResult, EntityTypes), so the tests run the real action scripts outside the platform. The
platform's context (integration configuration, action parameters, target entities) is read as JSON from stdin;
end() prints what the platform would record (output message, script result, execution state, JSON result,
tables) as JSON on stdout."""
