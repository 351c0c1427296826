using System.Globalization;

namespace AwsContainment.Connector.Aws;

/// <summary>
/// The form parameters of one query-protocol call, written the way the service expects lists and structures:
/// EC2 numbers list entries directly (<c>InstanceId.1</c>, <c>Filter.1.Value.1</c>), the other query services
/// through <c>member</c> (<c>Instances.member.1.InstanceId</c>). Order is kept, so recordings read naturally.
/// </summary>
public sealed class QueryParameters
{
    private readonly List<KeyValuePair<string, string>> _entries;
    private readonly string _prefix;

    public QueryParameters(AwsProtocol protocol)
        : this(protocol, [], "")
    {
    }

    private QueryParameters(AwsProtocol protocol, List<KeyValuePair<string, string>> entries, string prefix)
    {
        Protocol = protocol;
        _entries = entries;
        _prefix = prefix;
    }

    public AwsProtocol Protocol { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Entries => _entries;

    /// <summary>Adds a scalar; a null value is left out, as the SDKs do for unset members.</summary>
    public QueryParameters Add(string name, string? value)
    {
        if (value is not null)
        {
            _entries.Add(new(_prefix + name, value));
        }
        return this;
    }

    public QueryParameters Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    public QueryParameters Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>A list of scalars: <c>Name.1</c> in EC2, <c>Name.member.1</c> elsewhere.</summary>
    public QueryParameters AddList(string name, IEnumerable<string> values)
    {
        var index = 0;
        foreach (var value in values)
        {
            Add(ListEntryName(name, ++index), value);
        }
        return this;
    }

    /// <summary>A list of structures; <paramref name="write"/> fills each entry under its numbered prefix.</summary>
    public QueryParameters AddList<T>(string name, IEnumerable<T> items, Action<QueryParameters, T> write)
    {
        var index = 0;
        foreach (var item in items)
        {
            write(Nested(ListEntryName(name, ++index) + "."), item);
        }
        return this;
    }

    /// <summary>A structure member: <c>Name.Field</c>.</summary>
    public QueryParameters AddStructure(string name, Action<QueryParameters> write)
    {
        write(Nested(name + "."));
        return this;
    }

    /// <summary>EC2's <c>Filter.N.Name</c> / <c>Filter.N.Value.M</c> pairs.</summary>
    public QueryParameters AddFilters(params (string Name, IEnumerable<string> Values)[] filters) =>
        AddList("Filter", filters, (entry, filter) => entry.Add("Name", filter.Name).AddList("Value", filter.Values));

    private QueryParameters Nested(string prefix) => new(Protocol, _entries, _prefix + prefix);

    private string ListEntryName(string name, int index) =>
        Protocol == AwsProtocol.Ec2
            ? $"{name}.{index.ToString(CultureInfo.InvariantCulture)}"
            : $"{name}.member.{index.ToString(CultureInfo.InvariantCulture)}";
}
