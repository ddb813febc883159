using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace IOHFuse.MLNet.Persistence;

/// <summary>
/// Wraps a component's serialized state as text that can live inside model.zip (in a ValueMapping table):
/// <c>IOHFuse|&lt;component&gt;|v&lt;version&gt;|&lt;base64 of deflated bytes&gt;|sha256:&lt;hex of the deflated bytes&gt;</c>. The header lets a future
/// library refuse or migrate an old model with a clear message instead of misreading it.
/// </summary>
internal static class StateEnvelope
{
    /// <summary>First field of every envelope.</summary>
    public const string Magic = "IOHFuse";

    /// <summary>Encodes a payload.</summary>
    public static string Encode(string component, int version, ReadOnlySpan<byte> payload)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            deflate.Write(payload);
        var compressed = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        return $"{Magic}|{component}|v{version}|{Convert.ToBase64String(compressed)}|{ChecksumPrefix}{Checksum(compressed)}";
    }

    /// <summary>Prefix of the optional trailing integrity field.</summary>
    private const string ChecksumPrefix = "sha256:";

    /// <summary>Raw deflate has no checksum, so a flipped byte can decode to different weights without any error: the
    /// trailer makes such damage an error instead of a quietly different model.</summary>
    private static string Checksum(ReadOnlySpan<byte> compressed) => Convert.ToHexStringLower(SHA256.HashData(compressed));

    /// <summary>Encodes a UTF-8 text payload.</summary>
    public static string EncodeText(string component, int version, string text) =>
        Encode(component, version, Encoding.UTF8.GetBytes(text));

    /// <summary>Decodes a payload, checking the component and version.</summary>
    /// <exception cref="InvalidDataException">The text is not an IOHFuse state of this component and version.</exception>
    public static byte[] Decode(ReadOnlySpan<char> envelope, string component, int supportedVersion)
    {
        int p1 = envelope.IndexOf('|');
        if (p1 < 0 || !envelope[..p1].SequenceEqual(Magic))
            throw new InvalidDataException($"The model does not contain an IOHFuse {component} state (missing header). The model.zip is corrupt or was not saved by IOHFuse.MLNet.");
        var rest = envelope[(p1 + 1)..];
        int p2 = rest.IndexOf('|');
        if (p2 < 0)
            throw new InvalidDataException($"The IOHFuse {component} state header is truncated.");
        var name = rest[..p2];
        if (!name.SequenceEqual(component))
            throw new InvalidDataException($"Expected an IOHFuse {component} state but found '{name.ToString()}'.");
        rest = rest[(p2 + 1)..];
        int p3 = rest.IndexOf('|');
        if (p3 < 2 || rest[0] != 'v' || !int.TryParse(rest[1..p3], out int version))
            throw new InvalidDataException($"The IOHFuse {component} state has no readable format version.");
        if (version != supportedVersion)
            throw new InvalidDataException(
                $"This model.zip holds IOHFuse {component} state format v{version}; this version of IOHFuse.MLNet reads only v{supportedVersion}. " +
                "Re-train the model with this library version, or load it with the library version that saved it.");
        var base64 = rest[(p3 + 1)..];
        // States written before the checksum trailer existed have none; they are still read (the trailer is optional).
        ReadOnlySpan<char> checksum = default;
        int p4 = base64.IndexOf('|');
        if (p4 >= 0)
        {
            checksum = base64[(p4 + 1)..];
            base64 = base64[..p4];
            if (!checksum.StartsWith(ChecksumPrefix, StringComparison.Ordinal))
                throw new InvalidDataException($"The IOHFuse {component} state is corrupt (unreadable integrity field).");
            checksum = checksum[ChecksumPrefix.Length..];
        }
        byte[] compressed = new byte[base64.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64Chars(base64, compressed, out int written))
            throw new InvalidDataException($"The IOHFuse {component} state is corrupt (invalid base64).");
        if (p4 >= 0 && !checksum.SequenceEqual(Checksum(compressed.AsSpan(0, written))))
            throw new InvalidDataException($"The IOHFuse {component} state is corrupt (checksum mismatch: the model.zip was altered or damaged after it was saved).");
        try
        {
            using var input = new MemoryStream(compressed, 0, written);
            using var deflate = new DeflateStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            deflate.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"The IOHFuse {component} state is corrupt (compressed data damaged).", ex);
        }
    }

    /// <summary>Decodes a UTF-8 text payload.</summary>
    public static string DecodeText(ReadOnlySpan<char> envelope, string component, int supportedVersion) =>
        Encoding.UTF8.GetString(Decode(envelope, component, supportedVersion));
}
