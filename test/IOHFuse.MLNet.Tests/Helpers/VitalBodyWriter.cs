using System.Text;

namespace IOHFuse.MLNet.Tests.Helpers;

/// <summary>
/// Builds the uncompressed body of a small .vital file: header, one Solar8000 device, a float32 numeric track
/// <c>ART_MBP</c> (id 7) and a uint16 wave <c>ART</c> (id 8, 10 Hz, gain 0.5, offset −100), then records.
/// Shared by the reader's tests and the fuzzer so both start from the same valid layout.
/// </summary>
internal sealed class VitalBodyWriter
{
    /// <summary>Track id of the numeric MAP track.</summary>
    public const ushort NumericTrack = 7;

    /// <summary>Track id of the arterial wave.</summary>
    public const ushort WaveTrack = 8;

    private readonly MemoryStream _body = new();
    private readonly BinaryWriter _w;

    public VitalBodyWriter()
    {
        _w = new BinaryWriter(_body);
        _w.Write("VITA"u8.ToArray());
        _w.Write(3u);
        _w.Write((ushort)10);
        _w.Write(new byte[10]);
        Packet(9, b => { b.Write(1u); Str(b, "Solar8000"); Str(b, "Solar8000"); });
        Packet(0, b => Track(b, NumericTrack, 2, 1, "ART_MBP", 1, 1, 0, 7));
        Packet(0, b => Track(b, WaveTrack, 1, 6, "ART", 10, 0.5, -100, 4));
    }

    /// <summary>Appends a packet of <paramref name="type"/> whose payload <paramref name="write"/> produces.</summary>
    public VitalBodyWriter Packet(byte type, Action<BinaryWriter> write)
    {
        using var p = new MemoryStream();
        using (var pw = new BinaryWriter(p, Encoding.UTF8, leaveOpen: true))
            write(pw);
        _w.Write(type);
        _w.Write((uint)p.Length);
        _w.Write(p.ToArray());
        return this;
    }

    /// <summary>Appends one float32 value of the numeric track at <paramref name="time"/> (Unix seconds).</summary>
    public VitalBodyWriter Numeric(double time, float value) =>
        Packet(1, b => { b.Write((ushort)10); b.Write(time); b.Write(NumericTrack); b.Write(value); });

    /// <summary>Appends a wave record of raw uint16 samples starting at <paramref name="time"/>.</summary>
    public VitalBodyWriter Wave(double time, IReadOnlyList<ushort> raw) =>
        Packet(1, b => { b.Write((ushort)10); b.Write(time); b.Write(WaveTrack); b.Write((uint)raw.Count); foreach (var v in raw) b.Write(v); });

    /// <summary>The body written so far.</summary>
    public byte[] ToArray()
    {
        _w.Flush();
        return _body.ToArray();
    }

    private static void Str(BinaryWriter b, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        b.Write((uint)bytes.Length);
        b.Write(bytes);
    }

    private static void Track(BinaryWriter b, ushort tid, byte type, byte fmt, string name, float rate, double gain, double offset, byte mon)
    {
        b.Write(tid); b.Write(type); b.Write(fmt); Str(b, name); Str(b, "mmHg");
        b.Write(0f); b.Write(300f); b.Write(0u); b.Write(rate); b.Write(gain); b.Write(offset); b.Write(mon); b.Write(1u);
    }
}
