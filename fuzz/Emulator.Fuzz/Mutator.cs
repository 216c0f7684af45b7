using System.Text;

namespace Emulator.Fuzz;

/// <summary>
/// Seeded byte- and token-level mutations: bit flips, interesting bytes, truncation, splicing, chunk duplication,
/// deep nesting, huge and odd numbers, unicode and invalid UTF-8, YAML/JSON syntax fragments, protobuf length lies.
/// </summary>
public sealed class Mutator(int seed)
{
    private readonly Random random = new(seed);

    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\\udc00x", "null", "true", "fals", "-", "-0", "1e", "0.", "01",
        "1e999999", "-1e-999999", "99999999999999999999999999", "9223372036854775808", "-9223372036854775809", "1.7976931348623157e309",
        "NaN", "Infinity", "\"$patch\":\"delete\"", "\"$patch\":\"replace\"", "\"$patch\":\"merge\"", "\"$retainKeys\":[1]",
        "\"$setElementOrder/containers\":[{}]", "\"$deleteFromPrimitiveList/finalizers\":{}", "\"op\":\"move\"", "\"path\":\"/\"",
        "\"path\":\"/a~2b\"", "\"path\":\"/-/-\"", "\"from\":\"\"", "\"apiVersion\":{}", "\"kind\":[]", "\"metadata\":null",
        "\"metadata\":[]", "\"name\":7", "\"labels\":\"x\"", "\u0000", "\uFEFF", "\u202E", "é", "😀", "\t", "\r\n", "\n- ", ": ",
        "&a [*a, *a, *a]", "*missing", "!!binary AAAA", "!!int x", "? [a]\n: b", "<<: *a", "---\n", "...\n", "%YAML 1.1\n", "|\n  x",
        ">-\n x", "{a: [}", "'unterminated", "\"dup\":1,\"dup\":2",
    ];

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> corpus)
    {
        var data = new List<byte>(input);
        var rounds = 1 + random.Next(4);
        for (var r = 0; r < rounds; r++) Apply(data, corpus);
        return [.. data];
    }

    private void Apply(List<byte> data, IReadOnlyList<byte[]> corpus)
    {
        var at = data.Count == 0 ? 0 : random.Next(data.Count + 1);
        switch (random.Next(12))
        {
            case 0 when data.Count > 0: // bit flip
                var i = random.Next(data.Count);
                data[i] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when data.Count > 0: // interesting byte
                data[random.Next(data.Count)] = new byte[] { 0x00, 0x7F, 0x80, 0xFF, 0xC3, 0x0A, 0x22, 0x5C, 0x7B, 0x5B, 0x09, 0x0D }[random.Next(12)];
                break;
            case 2: // truncate
                if (data.Count > 0) data.RemoveRange(at == data.Count ? data.Count - 1 : at, data.Count - (at == data.Count ? data.Count - 1 : at));
                break;
            case 3: // splice with another corpus entry
                var other = corpus[random.Next(corpus.Count)];
                var from = random.Next(other.Length + 1);
                data.InsertRange(at, other.Skip(from).Take(random.Next(other.Length - from + 1)));
                break;
            case 4 when data.Count > 1: // duplicate a chunk
                var start = random.Next(data.Count);
                var length = Math.Min(data.Count - start, 1 + random.Next(64));
                data.InsertRange(at, data.GetRange(start, length));
                break;
            case 5: // deep nesting, shallow or hostile
                var depth = random.Next(4) == 0 ? 2000 + random.Next(20000) : 1 + random.Next(80);
                var open = random.Next(3) switch { 0 => "[", 1 => "{\"a\":", _ => "- " };
                var close = open switch { "[" => "]", "- " => "", _ => "}" };
                data.InsertRange(at, Encoding.UTF8.GetBytes(Repeat(open, depth) + "1" + Repeat(close, random.Next(2) == 0 ? depth : random.Next(depth + 1))));
                break;
            case 6: // replace a number with an absurd one
                var digit = data.FindIndex(at == data.Count ? 0 : at, b => b is >= (byte)'0' and <= (byte)'9');
                if (digit >= 0) data.InsertRange(digit, Encoding.UTF8.GetBytes(Fragments[19 + random.Next(6)]));
                break;
            case 7: // invalid UTF-8
                data.InsertRange(at, new[] { new byte[] { 0xC3, 0x28 }, [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xE2, 0x82] }[random.Next(5)]);
                break;
            case 8: // protobuf length lie: a huge varint where a length may be
                data.InsertRange(at, new byte[] { 0x12, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F });
                break;
            case 9: // delete a chunk
                if (data.Count > 0)
                {
                    var s = random.Next(data.Count);
                    data.RemoveRange(s, Math.Min(data.Count - s, 1 + random.Next(16)));
                }
                break;
            default: // syntax fragment
                data.InsertRange(at, Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)]));
                break;
        }
    }

    private static string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();
}
