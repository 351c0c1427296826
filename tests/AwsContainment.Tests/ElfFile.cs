using System.Buffers.Binary;
using System.Text;

namespace AwsContainment.Tests;

/// <summary>The parts of a 64-bit little-endian ELF file (the published runner) the tests look at: its dynamic symbols.</summary>
internal sealed class ElfFile
{
    private readonly byte[] _bytes;
    private readonly List<(string Name, long Offset, long Size)> _sections = [];

    public ElfFile(string path)
    {
        _bytes = File.ReadAllBytes(path);
        var headers = (int)Long(0x28);
        var headerSize = BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(0x3A));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(0x3C));
        var names = (int)Long(headers + BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(0x3E)) * headerSize + 0x18);
        for (var i = 0; i < count; i++)
        {
            var header = headers + i * headerSize;
            _sections.Add((Text(names + BinaryPrimitives.ReadInt32LittleEndian(_bytes.AsSpan(header))), Long(header + 0x18), Long(header + 0x20)));
        }
    }

    /// <summary>The names the file imports or exports through its dynamic symbol table (<c>.dynsym</c>, 24 bytes an entry).</summary>
    public IReadOnlySet<string> DynamicSymbols()
    {
        var symbols = _sections.Single(s => s.Name == ".dynsym");
        var strings = _sections.Single(s => s.Name == ".dynstr");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var entry = symbols.Offset; entry < symbols.Offset + symbols.Size; entry += 24)
        {
            names.Add(Text((int)strings.Offset + BinaryPrimitives.ReadInt32LittleEndian(_bytes.AsSpan((int)entry))));
        }
        return names;
    }

    private long Long(int offset) => BinaryPrimitives.ReadInt64LittleEndian(_bytes.AsSpan(offset));

    private string Text(int offset) => Encoding.ASCII.GetString(_bytes, offset, _bytes.AsSpan(offset).IndexOf((byte)0));
}
