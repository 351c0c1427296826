namespace AwsContainment.Tests.Credentials;

/// <summary>Bad input to the credential-exposure actions fails before any AWS call, naming the parameter, the value and the rule.</summary>
public sealed class CredentialParameterTests
{
    [Theory]
    [InlineData("get access key info", "access_key_id=AKIA123", "parameter 'access_key_id': \"AKIA123\" is not an AWS access key id")]
    [InlineData("disable access key", "access_key_id=ASIAIOSFODNN7EXAMPLE", "parameter 'access_key_id': \"ASIAIOSFODNN7EXAMPLE\" is not an IAM user's access key id (AKIA and 16 capital letters or digits; temporary ASIA keys cannot be deactivated or deleted: revoke the user's sessions instead)")]
    [InlineData("delete access key", "access_key_id=akiaiosfodnn7example", "parameter 'access_key_id': \"akiaiosfodnn7example\" is not an IAM user's access key id")]
    [InlineData("list access keys", "user_name=Jorge Souza", "parameter 'user_name': \"Jorge Souza\" is not an IAM user name (1 to 64 letters, digits or +=,.@_-)")]
    [InlineData("revoke user sessions", "user_name=JaneDoe/admin", "parameter 'user_name': \"JaneDoe/admin\" is not an IAM user name")]
    [InlineData("attach user policy", "user_name=JaneDoe|policy=arn:aws:s3:::DOC-EXAMPLE-BUCKET", "parameter 'policy': \"arn:aws:s3:::DOC-EXAMPLE-BUCKET\" is not a managed policy ARN (arn:aws:iam::aws:policy/AdministratorAccess) or name")]
    [InlineData("contain bucket", "bucket=ab|allowed_principal_arn=arn:aws:iam::777777777777:role/SecurityBreakGlassRole", "parameter 'bucket': \"ab\" is not an S3 bucket name")]
    [InlineData("contain bucket", "bucket=DOC-EXAMPLE-BUCKET|allowed_principal_arn=arn:aws:iam::7777:role/SecurityBreakGlassRole", "parameter 'allowed_principal_arn': \"arn:aws:iam::7777:role/SecurityBreakGlassRole\" is not one exact IAM role, user or account root ARN")]
    [InlineData("contain bucket", "bucket=DOC-EXAMPLE-BUCKET|allowed_principal_arn=arn:aws:iam::777777777777:role/*", "parameter 'allowed_principal_arn': \"arn:aws:iam::777777777777:role/*\" is not one exact IAM role, user or account root ARN (arn:aws:iam::123456789012:role/Name) without * or ? (a wildcard would leave every matching role or user with access)")]
    [InlineData("contain bucket", "bucket=DOC-EXAMPLE-BUCKET|allowed_principal_arn=arn:aws:iam::777777777777:user/?*", "parameter 'allowed_principal_arn': \"arn:aws:iam::777777777777:user/?*\" is not one exact IAM role, user or account root ARN")]
    [InlineData("contain bucket", "bucket=DOC-EXAMPLE-BUCKET|allowed_principal_arn=arn:aws:iam::777777777777:role/Security?reakGlassRole", "a wildcard would leave every matching role or user with access")]
    [InlineData("lookup credential activity", "user_name=JaneDoe|days=91", "parameter 'days' must be between 1 and 90, got 91")]
    [InlineData("lookup credential activity", "user_name=JaneDoe|days=0", "parameter 'days' must be between 1 and 90, got 0")]
    [InlineData("lookup credential activity", "user_name=JaneDoe|end_time=yesterday", "parameter 'end_time': \"yesterday\" is not a date (2021-07-24) or an ISO 8601 time with its zone")]
    [InlineData("delete user", "user_name=JaneDoe", "missing required parameter 'confirm'")]
    [InlineData("delete user", "user_name=JaneDoe|confirm=yes", "parameter 'confirm' must be true or false, got \"yes\"")]
    [InlineData("contain access key", "access_key_id=AKIAIOSFODNN7EXAMPLE|all_keys=maybe", "parameter 'all_keys' must be true or false, got \"maybe\"")]
    public async Task Invalid_parameters_fail_before_any_AWS_call(string action, string parameters, string expected)
    {
        var message = await RefusedMessageAsync(action, parameters);

        Assert.StartsWith("Invalid parameters, nothing was sent to AWS: ", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lookup credential activity", "days=15", "Give access_key_id or user_name (one of them, not both); nothing was sent to AWS")]
    [InlineData("lookup credential activity", "access_key_id=AKIAIOSFODNN7EXAMPLE|user_name=JorgeSouza", "Give access_key_id or user_name (one of them, not both); nothing was sent to AWS")]
    [InlineData("lookup credential activity", "user_name=JaneDoe|end_time=2021-02-30", "end_time 2021-02-30 is not a real date or time; nothing was sent to AWS")]
    [InlineData("delete user", "user_name=JaneDoe|confirm=false", "Deleting user JaneDoe cannot be undone: set confirm to true to delete it; nothing was sent to AWS")]
    public async Task Handler_refusals_name_the_rule_and_call_nothing(string action, string parameters, string expected)
    {
        Assert.Equal(expected, await RefusedMessageAsync(action, parameters));
    }

    /// <summary>The parameters are written <c>name=value|name=value</c> to keep each case on one line.</summary>
    private static Task<string> RefusedMessageAsync(string action, string parameters) =>
        RunnerHarness.RefusedMessageAsync(action, parameters.Split('|'));
}
