namespace IOHFuse.MLNet.Data;

/// <summary>
/// Resamples a MAP track to a regular grid and removes artifacts, in this order: (1) raw values outside the
/// physiological range (flushes to ≈ 300 mmHg, zeroing to ≈ 0) and raw samples within a margin around them become
/// invalid; (2) flat lines of identical raw values become invalid on fine-grained tracks; (3) valid raw samples are
/// averaged into trailing grid bins (g − period, g], so a grid sample never uses a later measurement; (4) empty bins
/// between measurements no more than the interpolation limit apart are filled linearly, longer gaps never.
/// See <see cref="CleaningOptions"/> for every rule and its default.
/// </summary>
/// <remarks>
/// <see cref="Clean(TimedTrack)"/> cleans a whole recording (labels and forecast targets come from it).
/// <see cref="CleanUntil"/> cleans only what was known at one moment, as a bedside monitor sees it: the raw samples
/// up to that time and nothing after, so a model's input window is the same whether it is built from a recording
/// for training or from a live stream at the bedside.
/// </remarks>
public sealed class TrackCleaner
{
    private const double Tolerance = 1e-9;
    private readonly CleaningOptions _options;

    /// <summary>Creates a cleaner.</summary>
    /// <param name="options">Options; defaults when null.</param>
    public TrackCleaner(CleaningOptions? options = null)
    {
        _options = (options ?? new CleaningOptions()).Clone();
        _options.Validate();
    }

    /// <summary>Grid period in seconds.</summary>
    public double PeriodSeconds => _options.SamplePeriodSeconds;

    /// <summary>Cleans one whole track onto the grid that starts at its first sample.</summary>
    /// <param name="track">The raw track (e.g. MAP in mmHg).</param>
    public CleanedTrack Clean(TimedTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        double origin = track.TimesSeconds[0];
        int lastBin = BinOf(track.TimesSeconds[^1], origin);
        return Core(track, 0, track.Count, origin, 0, lastBin, holdTail: false, MedianInterval(track.TimesSeconds, track.Values, 0, track.Count));
    }

    /// <summary>
    /// Cleans the <paramref name="length"/> grid samples that end at grid index <paramref name="endIndex"/> (time
    /// <paramref name="origin"/> + <paramref name="endIndex"/> × period) using only raw samples recorded at or before
    /// that time. Grid samples after the last measurement hold its value while it is within the interpolation limit.
    /// </summary>
    /// <param name="track">The raw track.</param>
    /// <param name="origin">Time of grid index 0 in seconds.</param>
    /// <param name="endIndex">Grid index of the last sample returned (the moment of interest).</param>
    /// <param name="length">Number of grid samples to return; positive.</param>
    public CleanedTrack CleanUntil(TimedTrack track, double origin, int endIndex, int length)
    {
        ArgumentNullException.ThrowIfNull(track);
        if (length <= 0)
            throw new ArgumentOutOfRangeException(nameof(length), length, "must be positive.");
        double p = _options.SamplePeriodSeconds;
        double end = origin + endIndex * p;
        int firstIndex = endIndex - length + 1;
        // Look back far enough that interpolation anchors, artifact margins and flat-line runs that began before the
        // window are seen as they would be on the whole track.
        int hi = LowerBound(track.TimesSeconds, end, strict: true);   // first sample after `end`
        // The sampling of the window itself sets the interpolation limit (as the samples of a whole recording do).
        int windowStart = LowerBound(track.TimesSeconds, origin + (firstIndex - 1) * p, strict: true);
        double medianInterval = MedianInterval(track.TimesSeconds, track.Values, windowStart, hi);
        double limit = _options.InterpolationLimit(medianInterval);
        double lookback = Math.Max(limit, Math.Max(_options.FlatLineSeconds, _options.ArtifactMarginSeconds)) + p;
        int extra = (int)Math.Ceiling(lookback / p - Tolerance);
        int lo = LowerBound(track.TimesSeconds, origin + (firstIndex - extra - 1) * p, strict: true);
        var full = Core(track, lo, hi, origin, firstIndex - extra, endIndex, holdTail: true, medianInterval);
        var values = full.Values.AsSpan(extra).ToArray();
        int missing = 0;
        foreach (float v in values)
            if (float.IsNaN(v)) missing++;
        var r = full.Report;
        var report = new CleaningReport
        {
            RawSamples = r.RawSamples, RawMissingSamples = r.RawMissingSamples, OutOfRangeSamples = r.OutOfRangeSamples,
            MarginSamples = r.MarginSamples, FlatLineSamples = r.FlatLineSamples, MedianIntervalSeconds = r.MedianIntervalSeconds,
            InterpolationLimitSeconds = r.InterpolationLimitSeconds, GridSamples = length, MeasuredSamples = r.MeasuredSamples,
            FilledSamples = r.FilledSamples, HeldSamples = r.HeldSamples, MissingSamples = missing,
        };
        return new CleanedTrack(origin + firstIndex * p, p, values, report);
    }

    /// <summary>Index of the trailing bin (g − period, g] that holds time <paramref name="t"/>.</summary>
    private int BinOf(double t, double origin) => (int)Math.Ceiling((t - origin) / _options.SamplePeriodSeconds - Tolerance);

    /// <summary>First index whose time is ≥ <paramref name="t"/> (or &gt; it when <paramref name="strict"/>).</summary>
    private static int LowerBound(double[] times, double t, bool strict)
    {
        int lo = 0, hi = times.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (strict ? times[mid] <= t + Tolerance : times[mid] < t)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    /// <summary>Cleans raw samples [<paramref name="from"/>, <paramref name="to"/>) onto grid indices
    /// [<paramref name="firstBin"/>, <paramref name="lastBin"/>].</summary>
    private CleanedTrack Core(TimedTrack track, int from, int to, double origin, int firstBin, int lastBin, bool holdTail, double medianInterval)
    {
        double[] times = track.TimesSeconds;
        float[] raw = track.Values;
        int n = to - from;
        double p = _options.SamplePeriodSeconds;
        double limit = _options.InterpolationLimit(medianInterval);

        // 1. Range rule on raw samples, then the margin around each artifact (only within the samples given: a
        // moment's cleaning cannot know of an artifact still to come).
        var invalid = new bool[n];
        int rawMissing = 0, outOfRange = 0, margin = 0;
        var artifacts = new List<int>();
        for (int i = 0; i < n; i++)
        {
            float v = raw[from + i];
            if (float.IsNaN(v))
            {
                rawMissing++;
                invalid[i] = true;
            }
            else if (v < _options.MinimumValidMmHg || v > _options.MaximumValidMmHg || !float.IsFinite(v))
            {
                outOfRange++;
                invalid[i] = true;
                artifacts.Add(i);
            }
        }
        double m = _options.ArtifactMarginSeconds;
        if (m > 0)
        {
            foreach (int a in artifacts)
            {
                double ta = times[from + a];
                for (int j = a - 1; j >= 0 && ta - times[from + j] <= m + Tolerance; j--)
                    margin += Invalidate(invalid, j);
                for (int j = a + 1; j < n && times[from + j] - ta <= m + Tolerance; j++)
                    margin += Invalidate(invalid, j);
            }
        }

        // 2. Flat lines, judged on raw samples of fine-grained tracks only (see FlatLineMaximumIntervalSeconds).
        int flat = 0;
        if (_options.FlatLineSeconds > 0 && medianInterval <= _options.FlatLineMaximumIntervalSeconds)
            flat = MarkFlatLines(times, raw, from, invalid);

        // 3. Trailing-bin means.
        int gridLength = lastBin - firstBin + 1;
        var sum = new double[gridLength];
        var count = new int[gridLength];
        // Times of the first and last raw sample in each bin: gaps are judged on the measurements' own times, not on
        // the bins they fall in (a 20-s source on a 3-s grid lands 18 or 21 s apart).
        var firstTime = new double[gridLength];
        var lastTime = new double[gridLength];
        for (int i = 0; i < n; i++)
        {
            if (invalid[i])
                continue;
            double t = times[from + i];
            int k = BinOf(t, origin) - firstBin;
            if (k < 0 || k >= gridLength)
                continue;
            if (count[k] == 0)
                firstTime[k] = t;
            lastTime[k] = t;
            sum[k] += raw[from + i];
            count[k]++;
        }
        var grid = new float[gridLength];
        int measured = 0;
        for (int k = 0; k < gridLength; k++)
        {
            if (count[k] > 0)
            {
                grid[k] = (float)(sum[k] / count[k]);
                measured++;
            }
            else
            {
                grid[k] = float.NaN;
            }
        }

        // 4. Interpolation between measured grid samples, and (for a moment's view) holding the last measurement.
        int filled = Interpolate(grid, firstTime, lastTime, limit);
        int held = 0;
        if (holdTail)
        {
            int last = Array.FindLastIndex(grid, v => !float.IsNaN(v));
            if (last >= 0 && origin + lastBin * p - lastTime[last] <= limit + Tolerance)
            {
                for (int k = last + 1; k < gridLength; k++)
                    grid[k] = grid[last];
                held = gridLength - 1 - last;
            }
        }
        int missing = 0;
        foreach (float v in grid)
            if (float.IsNaN(v))
                missing++;

        var report = new CleaningReport
        {
            RawSamples = n,
            RawMissingSamples = rawMissing,
            OutOfRangeSamples = outOfRange,
            MarginSamples = margin,
            FlatLineSamples = flat,
            MedianIntervalSeconds = medianInterval,
            InterpolationLimitSeconds = limit,
            GridSamples = gridLength,
            MeasuredSamples = measured,
            FilledSamples = filled,
            HeldSamples = held,
            MissingSamples = missing,
        };
        return new CleanedTrack(origin + firstBin * p, p, grid, report);
    }

    /// <summary>Median interval between consecutive measured samples of [from, to); NaN with fewer than two.</summary>
    private static double MedianInterval(double[] times, float[] raw, int from, int to)
    {
        var d = new List<double>(Math.Max(0, to - from));
        double previous = double.NaN;
        for (int i = from; i < to; i++)
        {
            if (float.IsNaN(raw[i]))
                continue;
            if (!double.IsNaN(previous))
                d.Add(times[i] - previous);
            previous = times[i];
        }
        if (d.Count == 0)
            return double.NaN;
        d.Sort();
        return d.Count % 2 == 1 ? d[d.Count / 2] : (d[d.Count / 2 - 1] + d[d.Count / 2]) / 2;
    }

    private static int Invalidate(bool[] invalid, int j)
    {
        if (invalid[j])
            return 0;
        invalid[j] = true;
        return 1;
    }

    /// <summary>Invalidates runs of identical valid raw values whose first-to-last span reaches FlatLineSeconds.</summary>
    private int MarkFlatLines(double[] times, float[] raw, int from, bool[] invalid)
    {
        int n = invalid.Length;
        int marked = 0;
        int start = 0;
        for (int i = 1; i <= n; i++)
        {
            bool continues = i < n && !invalid[i] && !invalid[i - 1] && raw[from + i] == raw[from + i - 1];
            if (continues)
                continue;
            // Run [start, i-1] of equal valid values.
            if (!invalid[start] && times[from + i - 1] - times[from + start] >= _options.FlatLineSeconds - Tolerance)
            {
                for (int j = start; j < i; j++)
                    marked += Invalidate(invalid, j);
            }
            start = i;
        }
        return marked;
    }

    /// <summary>Fills the empty grid samples between measured ones whose raw samples are at most <paramref name="limit"/>
    /// seconds apart.</summary>
    private static int Interpolate(float[] grid, double[] firstTime, double[] lastTime, double limit)
    {
        int filled = 0;
        int left = -1;
        for (int k = 0; k < grid.Length; k++)
        {
            if (float.IsNaN(grid[k]))
                continue;
            // Fill only interior gaps: extrapolating at the ends would invent data.
            if (left >= 0 && k - left > 1 && firstTime[k] - lastTime[left] <= limit + Tolerance)
            {
                float a = grid[left], b = grid[k];
                int span = k - left;
                for (int j = 1; j < span; j++)
                    grid[left + j] = a + (b - a) * j / span;
                filled += span - 1;
            }
            left = k;
        }
        return filled;
    }
}
