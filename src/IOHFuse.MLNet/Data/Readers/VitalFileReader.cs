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

    /// <summary>Reads a .vital file as a case (see <see cref="ReadCaseFile"/> for how the MAP source is chosen).</summary>
    /// <param name="path">The file.</param>
    /// <param name="caseId">Case id; the file name without extension when null.</param>
    /// <param name="options">Track selection; defaults when null.</param>
    /// <exception cref="InvalidDataException">Unreadable file, or no usable MAP source.</exception>
    public static SurgicalCase ReadCase(string path, string? caseId = null, VitalFileOptions? options = null)
        => ReadCaseFile(path, caseId, options).Case;

    /// <summary>
    /// Reads a .vital file as a case and says which track gave MAP. Without <see cref="VitalFileOptions.Track"/>, the
    /// candidates are the numeric invasive MAP tracks and the MAP computed from each arterial wave (window means), each
    /// judged by its valid minutes (minutes holding a value within 20–200 mmHg): the numeric track with the most valid
    /// minutes is used unless a wave gives more than twice as many, in which case the wave is; a non-invasive MAP
    /// track is the last resort. Times are seconds from the first MAP sample; SBP, DBP and HR come from matching
    /// numeric tracks when present.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="caseId">Case id; the file name without extension when null.</param>
    /// <param name="options">Track selection; defaults when null.</param>
    /// <exception cref="InvalidDataException">Unreadable file, an unknown <see cref="VitalFileOptions.Track"/>, or no usable MAP source.</exception>
    public static CaseFile ReadCaseFile(string path, string? caseId = null, VitalFileOptions? options = null)
    {
        options ??= new VitalFileOptions();
        if (!(options.WaveBinSeconds > 0))
            throw new ArgumentOutOfRangeException(nameof(options), options.WaveBinSeconds, "WaveBinSeconds must be positive.");
        if (!(options.MinimumWaveBinCoverage > 0 && options.MinimumWaveBinCoverage <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.MinimumWaveBinCoverage, "MinimumWaveBinCoverage must be in (0, 1].");
        caseId ??= Path.GetFileNameWithoutExtension(path);
        var file = Read(path);

        var candidates = new List<Candidate>();
        if (options.Track is { } requested)
        {
            var track = file.Tracks.FirstOrDefault(t => string.Equals(t.Name, requested, StringComparison.OrdinalIgnoreCase))
                ?? file.Tracks.FirstOrDefault(t => string.Equals(ShortName(t), requested, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidDataException($"'{path}' (case {caseId}): there is no track '{requested}'; the numeric and wave tracks are {string.Join(", ", file.Tracks.Where(t => t.Kind != VitalTrackKind.String).Select(t => t.Name))}.");
            if (track.Kind == VitalTrackKind.String)
                throw new InvalidDataException($"'{path}' (case {caseId}): track '{track.Name}' holds text, not pressure.");
            if (FromTrack(track, options) is not { } chosen)
                throw new InvalidDataException($"'{path}' (case {caseId}): track '{track.Name}' has no samples.");
            candidates.Add(chosen);
        }
        else
        {
            foreach (var track in Matching(file, options.NumericMapSuffixes, VitalTrackKind.Numeric).Concat(Matching(file, options.WaveSuffixes, VitalTrackKind.Wave)))
                if (FromTrack(track, options) is { } c)
                    candidates.Add(c);
        }
        var numeric = candidates.Where(c => !c.FromWave).OrderByDescending(c => c.ValidMinutes).FirstOrDefault();
        var wave = candidates.Where(c => c.FromWave).OrderByDescending(c => c.ValidMinutes).FirstOrDefault();
        Candidate? best = numeric is { ValidMinutes: > 0 } && (wave is null || numeric.ValidMinutes * 2 >= wave.ValidMinutes) ? numeric
            : wave is { ValidMinutes: > 0 } ? wave
            : options.Track is not null ? candidates[0]
            : null;
        if (best is null)
        {
            foreach (var track in Matching(file, options.NonInvasiveMapSuffixes, VitalTrackKind.Numeric))
                if (FromTrack(track, options) is { ValidMinutes: > 0 } c && (best is null || c.ValidMinutes > best.ValidMinutes))
                    best = c;
        }
        if (best is null)
            throw new InvalidDataException(
                $"'{path}' (case {caseId}): no MAP source with valid values (20–200 mmHg); looked for numeric {string.Join("/", options.NumericMapSuffixes)}, " +
                $"wave {string.Join("/", options.WaveSuffixes)} and {string.Join("/", options.NonInvasiveMapSuffixes)} among {file.Tracks.Count} tracks" +
                (candidates.Count > 0 ? $" ({string.Join(", ", candidates.Select(c => $"{c.Track.Name}: {c.ValidMinutes} valid min"))})." : "."));

        double t0 = best.Times[0];
        TimedTrack Shift(double[] t, float[] v, string name, string unit) => new(name, unit, t.Select(x => x - t0).ToArray(), v);
        TimedTrack? Optional(params string[] suffixes)
            => Pick(file, suffixes, VitalTrackKind.Numeric) is { } p ? Shift(p.T, p.V, p.Track.Name, p.Track.Unit) : null;
        var surgicalCase = new SurgicalCase(caseId, Shift(best.Times, best.Values, best.Track.Name, "mmHg"))
        {
            Sbp = Optional("ART_SBP", "ABP_SBP", "NIBP_SBP"),
            Dbp = Optional("ART_DBP", "ABP_DBP", "NIBP_DBP"),
            HeartRate = Optional("HR", "PLETH_HR"),
        };
        string how = best.FromWave ? $"wave '{best.Track.Name}' ({best.Track.SampleRateHz:0} Hz), mean per {options.WaveBinSeconds:0.##} s" : $"numeric track '{best.Track.Name}'";
        var notes = candidates.Where(c => !ReferenceEquals(c, best)).Select(c => $"not used: '{c.Track.Name}' ({c.ValidMinutes} valid min)").ToList();
        return new CaseFile(path, surgicalCase, $"{how}, {best.ValidMinutes} valid min", [], notes);
    }

    private sealed record Candidate(VitalTrack Track, bool FromWave, double[] Times, float[] Values, int ValidMinutes);

    private static string ShortName(VitalTrack t) => t.Name[(t.Name.LastIndexOf('/') + 1)..];

    private static IEnumerable<VitalTrack> Matching(VitalFile file, IReadOnlyList<string> suffixes, VitalTrackKind kind) =>
        suffixes.SelectMany(suffix => file.Tracks.Where(t => t.Kind == kind && t.RecordCount > 0 && string.Equals(ShortName(t), suffix, StringComparison.OrdinalIgnoreCase)));

    private static Candidate? FromTrack(VitalTrack track, VitalFileOptions options)
    {
        var (t, v) = track.GetSamples();
        if (t.Length == 0)
            return null;
        bool wave = track.Kind == VitalTrackKind.Wave;
        if (wave)
        {
            (t, v) = ArterialWave.ToMap(t, v, track.SampleRateHz > 0 ? track.SampleRateHz : ArterialWave.RateOf(t), options.WaveBinSeconds, options.MinimumWaveBinCoverage);
            if (t.Length == 0)
                return new Candidate(track, true, [0], [float.NaN], 0);
        }
        var minutes = new HashSet<long>();
        for (int i = 0; i < t.Length; i++)
            if (v[i] is >= 20f and <= 200f)
                minutes.Add((long)Math.Floor(t[i] / 60));
        return new Candidate(track, wave, t, v, minutes.Count);
    }

    private static (VitalTrack Track, double[] T, float[] V)? Pick(VitalFile file, IReadOnlyList<string> suffixes, VitalTrackKind kind)
    {
        foreach (var track in Matching(file, suffixes, kind))
        {
            var (t, v) = track.GetSamples();
            if (t.Length > 0)
                return (track, t, v);
        }
        return null;
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
