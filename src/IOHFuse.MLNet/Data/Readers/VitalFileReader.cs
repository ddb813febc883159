using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace IOHFuse.MLNet.Data;

/// <summary>
/// Reads the Vital Recorder binary format (.vital): one gzip stream holding the header "VITA", format version,
/// header length and header, then packets (type byte, uint32 length, data): 9 = device info, 0 = track info,
/// 1 = record, 6 = command; other types are skipped by length. All integers are little-endian. Integer sample formats
/// are converted to physical values as offset + raw × gain.
/// </summary>
public static class VitalFileReader
{
    private const byte DevInfo = 9, TrkInfo = 0, Rec = 1;

    /// <summary>Reads every track of a .vital file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">Not gzip, truncated, not a .vital file, or a malformed packet.</exception>
    public static VitalFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"File '{path}' does not exist.", path);
        byte[] data;
        try
        {
            using var file = File.OpenRead(path);
            using var gz = new GZipStream(file, CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            gz.CopyTo(buffer);
            data = buffer.ToArray();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            throw new InvalidDataException($"'{path}' is not a readable .vital file: the gzip stream is corrupt or truncated ({ex.Message}).", ex);
        }
        return Parse(data, path);
    }

    /// <summary>
    /// Reads a .vital file as a case. MAP comes from the first numeric invasive MAP track with values; else from an
    /// arterial wave (mean over bins); else from a non-invasive MAP track (see <see cref="VitalFileOptions"/>). Times
    /// are seconds from the first MAP sample; SBP, DBP and HR are taken from matching numeric tracks when present.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="caseId">Case id; the file name without extension when null.</param>
    /// <param name="options">Track selection; defaults when null.</param>
    /// <exception cref="InvalidDataException">Unreadable file, or no usable MAP source.</exception>
    public static SurgicalCase ReadCase(string path, string? caseId = null, VitalFileOptions? options = null)
    {
        options ??= new VitalFileOptions();
        if (!(options.WaveBinSeconds > 0))
            throw new ArgumentOutOfRangeException(nameof(options), options.WaveBinSeconds, "WaveBinSeconds must be positive.");
        if (!(options.MinimumWaveBinCoverage > 0 && options.MinimumWaveBinCoverage <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.MinimumWaveBinCoverage, "MinimumWaveBinCoverage must be in (0, 1].");
        caseId ??= Path.GetFileNameWithoutExtension(path);
        var file = Read(path);

        (double[] T, float[] V, string Name)? map = null;
        if (Pick(file, options.NumericMapSuffixes, VitalTrackKind.Numeric) is { } numeric)
            map = (numeric.T, numeric.V, numeric.Track.Name);
        else if (Pick(file, options.WaveSuffixes, VitalTrackKind.Wave) is { } wave)
            map = WaveToMap(wave.T, wave.V, wave.Track, options) is { } binned ? (binned.T, binned.V, wave.Track.Name + " (bin mean)") : null;
        if (map is null && Pick(file, options.NonInvasiveMapSuffixes, VitalTrackKind.Numeric) is { } nibp)
            map = (nibp.T, nibp.V, nibp.Track.Name);
        if (map is null)
            throw new InvalidDataException(
                $"'{path}' (case {caseId}): no MAP source with values; looked for numeric {string.Join("/", options.NumericMapSuffixes)}, " +
                $"wave {string.Join("/", options.WaveSuffixes)} and {string.Join("/", options.NonInvasiveMapSuffixes)} among {file.Tracks.Count} tracks.");

        double t0 = map.Value.T[0];
        TimedTrack Shift(double[] t, float[] v, string name, string unit) => new(name, unit, t.Select(x => x - t0).ToArray(), v);
        TimedTrack? Optional(params string[] suffixes)
            => Pick(file, suffixes, VitalTrackKind.Numeric) is { } p ? Shift(p.T, p.V, p.Track.Name, p.Track.Unit) : null;
        return new SurgicalCase(caseId, Shift(map.Value.T, map.Value.V, map.Value.Name, "mmHg"))
        {
            Sbp = Optional("ART_SBP", "ABP_SBP", "NIBP_SBP"),
            Dbp = Optional("ART_DBP", "ABP_DBP", "NIBP_DBP"),
            HeartRate = Optional("HR", "PLETH_HR"),
        };
    }

    private static (VitalTrack Track, double[] T, float[] V)? Pick(VitalFile file, IReadOnlyList<string> suffixes, VitalTrackKind kind)
    {
        foreach (string suffix in suffixes)
            foreach (var track in file.Tracks)
                if (track.Kind == kind && track.RecordCount > 0
                    && string.Equals(track.Name[(track.Name.LastIndexOf('/') + 1)..], suffix, StringComparison.OrdinalIgnoreCase))
                {
                    var (t, v) = track.GetSamples();
                    if (t.Length > 0)
                        return (track, t, v);
                }
        return null;
    }

    private static (double[] T, float[] V)? WaveToMap(double[] t, float[] v, VitalTrack track, VitalFileOptions options)
    {
        double bin = options.WaveBinSeconds;
        double needed = options.MinimumWaveBinCoverage * bin * track.SampleRateHz;
        var times = new List<double>();
        var values = new List<float>();
        int i = 0;
        while (i < t.Length)
        {
            double start = Math.Floor(t[i] / bin) * bin;
            double sum = 0;
            int count = 0;
            for (; i < t.Length && t[i] < start + bin; i++)
            {
                if (float.IsFinite(v[i]))
                {
                    sum += v[i];
                    count++;
                }
            }
            if (count > 0 && count >= needed)
            {
                times.Add(start + bin / 2);
                values.Add((float)(sum / count));
            }
        }
        return times.Count == 0 ? null : (times.ToArray(), values.ToArray());
    }

    internal static VitalFile Parse(byte[] data, string path)
    {
        var span = new ReadOnlySpan<byte>(data);
        if (span.Length < 10 || !span[..4].SequenceEqual("VITA"u8))
            throw new InvalidDataException($"'{path}' is not a .vital file: the decompressed data does not start with 'VITA'.");
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(span[8..]);
        int pos = 10 + headerLength;
        if (pos > span.Length)
            throw new InvalidDataException($"'{path}': the header ({headerLength} bytes) runs past the end of the data.");

        var devices = new Dictionary<uint, string>();
        var tracks = new List<VitalTrack>();
        var byId = new Dictionary<ushort, (VitalTrack Track, int Format, double Gain, double Offset)>();
        while (pos < span.Length)
        {
            if (span.Length - pos < 5)
                throw new InvalidDataException($"'{path}': truncated packet header at byte {pos}.");
            byte type = span[pos];
            long length = BinaryPrimitives.ReadUInt32LittleEndian(span[(pos + 1)..]);
            pos += 5;
            if (length > span.Length - pos)
                throw new InvalidDataException($"'{path}': packet of type {type} at byte {pos - 5} declares {length} bytes but only {span.Length - pos} remain (truncated file).");
            var packet = new PacketReader(span.Slice(pos, (int)length), path, pos);
            pos += (int)length;
            switch (type)
            {
                case DevInfo:
                {
                    uint did = packet.U32();
                    string typeName = packet.Str();
                    string devName = packet.Remaining >= 4 ? packet.Str() : string.Empty;
                    devices[did] = devName.Length > 0 ? devName : typeName;
                    break;
                }
                case TrkInfo:
                {
                    ushort tid = packet.U16();
                    var kind = (VitalTrackKind)packet.U8();
                    int format = packet.U8();
                    string name = packet.Str();
                    string unit = packet.Remaining >= 4 ? packet.Str() : string.Empty;
                    packet.Skip(4 + 4 + 4); // minval, maxval, color
                    double rate = packet.Remaining >= 4 ? packet.F32() : 0;
                    double gain = packet.Remaining >= 8 ? packet.F64() : 1;
                    double offset = packet.Remaining >= 8 ? packet.F64() : 0;
                    int monType = packet.Remaining >= 1 ? packet.U8() : 0;
                    uint did = packet.Remaining >= 4 ? packet.U32() : 0;
                    string full = did != 0 && devices.TryGetValue(did, out string? dev) ? dev + "/" + name : name;
                    var track = new VitalTrack(full, kind, unit, rate, monType);
                    tracks.Add(track);
                    byId[tid] = (track, format, gain, offset);
                    break;
                }
                case Rec:
                {
                    int infoLength = packet.U16();
                    double dt = packet.F64();
                    ushort tid = packet.U16();
                    packet.Seek(2 + infoLength);
                    if (!byId.TryGetValue(tid, out var info) || info.Track.Kind == VitalTrackKind.String)
                        break; // records of unknown tracks and string values are not needed
                    int count = 1;
                    if (info.Track.Kind == VitalTrackKind.Wave)
                    {
                        // Every sample takes at least one byte: a larger count is damage, and trusting it would
                        // overflow or allocate gigabytes before the bounds check on the samples could fail.
                        uint declared = packet.U32();
                        if (declared > (uint)packet.Remaining)
                            throw new InvalidDataException($"'{path}': wave record of track '{info.Track.Name}' at byte {pos - (int)length - 5} declares {declared} samples but only {packet.Remaining} bytes remain.");
                        count = (int)declared;
                    }
                    var values = new float[count];
                    for (int k = 0; k < count; k++)
                        values[k] = packet.Sample(info.Format, info.Gain, info.Offset);
                    info.Track.Add(dt, values);
                    break;
                }
                default:
                    break; // CMD and other packets carry nothing the reader needs
            }
        }
        return new VitalFile(path, tracks);
    }

    /// <summary>Bounds-checked little-endian reader over one packet.</summary>
    private ref struct PacketReader
    {
        private readonly ReadOnlySpan<byte> _data;
        private readonly string _path;
        private readonly int _fileOffset;
        private int _pos;

        public PacketReader(ReadOnlySpan<byte> data, string path, int fileOffset)
        {
            _data = data;
            _path = path;
            _fileOffset = fileOffset;
            _pos = 0;
        }

        public readonly int Remaining => _data.Length - _pos;

        private ReadOnlySpan<byte> Take(int n)
        {
            if (n < 0 || n > Remaining)
                throw new InvalidDataException($"'{_path}': malformed packet at byte {_fileOffset}: needs {n} more bytes at offset {_pos}, has {Remaining}.");
            var s = _data.Slice(_pos, n);
            _pos += n;
            return s;
        }

        public void Skip(int n) => _pos = Math.Min(_data.Length, _pos + n);

        public void Seek(int offset)
        {
            if (offset > _data.Length)
                throw new InvalidDataException($"'{_path}': malformed record at byte {_fileOffset}: payload offset {offset} beyond length {_data.Length}.");
            _pos = offset;
        }

        public byte U8() => Take(1)[0];

        public ushort U16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

        public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

        public float F32() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

        public double F64() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

        public string Str() => Encoding.UTF8.GetString(Take((int)Math.Min(U32(), int.MaxValue)));

        public float Sample(int format, double gain, double offset)
        {
            double raw = format switch
            {
                1 => F32(),
                2 => F64(),
                3 => (sbyte)U8(),
                4 => U8(),
                5 => BinaryPrimitives.ReadInt16LittleEndian(Take(2)),
                6 => U16(),
                7 => BinaryPrimitives.ReadInt32LittleEndian(Take(4)),
                8 => U32(),
                _ => throw new InvalidDataException($"'{_path}': record at byte {_fileOffset} has unknown sample format {format}."),
            };
            return (float)(format > 2 ? offset + raw * gain : raw);
        }
    }
}
