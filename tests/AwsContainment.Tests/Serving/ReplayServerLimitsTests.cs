using System.Net;
using System.Net.Sockets;
using System.Text;
using AwsContainment.Connector.Aws.Transport;
using AwsContainment.Host.Serving;

namespace AwsContainment.Tests.Serving;

/// <summary>
/// The replay server has serve's limits: an answer is never split by a header value, a body over 4 MiB is refused
/// from its Content-Length before it is read, and connections beyond the cap are closed unanswered. Every wait is
/// bounded, so the old behaviour (waiting for 600 MiB, holding every connection) fails the test instead of hanging it.
/// </summary>
public sealed class ReplayServerLimitsTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_header_value_with_a_line_break_never_splits_the_answer()
    {
        var exchange = new Exchange
        {
            Service = "ec2",
            Form = new() { ["Action"] = "DescribeInstances", ["InstanceId.1"] = "i-0abc1234def567890" },
            Headers = new() { ["x-amzn-requestid"] = "a\r\nSet-Cookie: session=stolen" },
            Body = "<DescribeInstancesResponse/>",
        };
        await using var server = new ReplayServer([exchange], TimeSpan.Zero, FaultPlan.None, TextWriter.Null);
        server.Start(0);
        using var http = new HttpClient();

        // The answer cannot be written as recorded, so the connection is cut; before, a second header arrived.
        await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(ReplayServerTests.Ec2Request(server.Endpoint, ReplayServerTests.DescribeInstance)).WaitAsync(Bound));
    }

    [Fact]
    public async Task A_body_over_4_MiB_is_refused_with_413_before_it_is_read()
    {
        await using var server = ReplayServerTests.StartServer();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, server.Port);
        var stream = client.GetStream();

        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {600L * 1024 * 1024}\r\n\r\nAction="));
        var answer = await ReadToEndAsync(stream).WaitAsync(Bound);

        Assert.StartsWith("HTTP/1.1 413 ", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connections_beyond_the_cap_are_closed_unanswered()
    {
        await using var server = ReplayServerTests.StartServer();
        var idle = new List<TcpClient>();
        try
        {
            for (var i = 0; i < LoopbackServer.MaxConnections; i++)
            {
                var client = new TcpClient();
                idle.Add(client);
                await client.ConnectAsync(IPAddress.Loopback, server.Port);
            }
            using var extra = new TcpClient();
            await extra.ConnectAsync(IPAddress.Loopback, server.Port);

            var read = await extra.GetStream().ReadAsync(new byte[1]).AsTask().WaitAsync(Bound);

            Assert.Equal(0, read);
        }
        finally
        {
            idle.ForEach(c => c.Dispose());
        }
    }

    private static async Task<string> ReadToEndAsync(NetworkStream stream)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        return text.ToString();
    }
}
