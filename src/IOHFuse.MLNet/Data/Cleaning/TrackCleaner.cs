namespace IOHFuse.MLNet.Data;

/// <summary>
/// Resamples a MAP track to a regular grid and removes artifacts, in this order: (1) raw values outside the
/// physiological range (flushes to ≈ 300 mmHg, zeroing to ≈ 0) and raw samples within a margin around them become
/// invalid; (2) valid raw samples are averaged into grid bins centred on each grid time (empty bins are missing);
/// (3) flat lines on the grid become invalid; (4) short gaps are filled by linear interpolation, long ones never.
/// </summary>
public sealed class TrackCleaner
{
    private readonly CleaningOptions _options;

    /// <summary>Creates a cleaner.</summary>
    /// <param name="options">Options; defaults when null.</param>
    public TrackCleaner(CleaningOptions? options = null)
    {
        _options = (options ?? new CleaningOptions()).Clone();
        _options.Validate();
    }

    /// <summary>Cleans one track.</summary>
    /// <param name="track">The raw track (e.g. MAP in mmHg).</param>
    public CleanedTrack Clean(TimedTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        double[] times = track.TimesSeconds;
        float[] raw = track.Values;
        int n = raw.Length;

        // 1. Range rule on raw samples, then the margin around each artifact.
        var invalid = new bool[n];
        int rawMissing = 0, outOfRange = 0, margin = 0;
        var artifact = new List<int>();
        for (int i = 0; i < n; i++)
        {
            float v = raw[i];
            if (float.IsNaN(v))
            {
                rawMissing++;
                invalid[i] = true;
            }
            else if (v < _options.MinimumValidMmHg || v > _options.MaximumValidMmHg || !float.IsFinite(v))
            {
                outOfRange++;
                invalid[i] = true;
                artifact.Add(i);
            }
        }
        double m = _options.ArtifactMarginSeconds;
        if (m > 0)
        {
            foreach (int a in artifact)
            {
                for (int j = a - 1; j >= 0 && times[a] - times[j] <= m; j--)
                    margin += Invalidate(invalid, j);
                for (int j = a + 1; j < n && times[j] - times[a] <= m; j++)
                    margin += Invalidate(invalid, j);
            }
        }

        // 2. Bin means on the grid t0 + k·P; each raw sample goes to its nearest grid time.
        double p = _options.SamplePeriodSeconds;
        double t0 = times[0];
        int gridLength = (int)Math.Floor((times[^1] - t0) / p + 1e-9) + 1;
        var sum = new double[gridLength];
        var count = new int[gridLength];
        for (int i = 0; i < n; i++)
        {
            if (invalid[i])
                continue;
            int k = (int)Math.Round((times[i] - t0) / p, MidpointRounding.AwayFromZero);
            if (k >= gridLength)
                k = gridLength - 1;
            sum[k] += raw[i];
            count[k]++;
        }
        var grid = new float[gridLength];
        for (int k = 0; k < gridLength; k++)
            grid[k] = count[k] > 0 ? (float)(sum[k] / count[k]) : float.NaN;

        int flat = MarkFlatLines(grid, p);
        int filled = FillShortGaps(grid, p);
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
            GridSamples = gridLength,
            FlatLineSamples = flat,
            FilledSamples = filled,
            MissingSamples = missing,
        };
        return new CleanedTrack(t0, p, grid, report);
    }

    private static int Invalidate(bool[] invalid, int j)
    {
        if (invalid[j])
            return 0;
        invalid[j] = true;
        return 1;
    }

    private int MarkFlatLines(float[] grid, double period)
    {
        if (_options.FlatLineSeconds <= 0)
            return 0;
        int marked = 0;
        int start = 0;
        for (int k = 1; k <= grid.Length; k++)
        {
            bool continues = k < grid.Length && !float.IsNaN(grid[k]) && grid[k] == grid[k - 1];
            if (continues)
                continue;
            // Run [start, k-1] of equal values; its duration is first-to-last sample.
            if (!float.IsNaN(grid[start]) && (k - 1 - start) * period >= _options.FlatLineSeconds - 1e-9)
            {
                for (int j = start; j < k; j++)
                    grid[j] = float.NaN;
                marked += k - start;
            }
            start = k;
        }
        return marked;
    }

    private int FillShortGaps(float[] grid, double period)
    {
        if (_options.MaximumGapFillSeconds <= 0)
            return 0;
        int filled = 0;
        int k = 0;
        while (k < grid.Length)
        {
            if (!float.IsNaN(grid[k]))
            {
                k++;
                continue;
            }
            int gapStart = k;
            while (k < grid.Length && float.IsNaN(grid[k]))
                k++;
            int gapLength = k - gapStart;
            // Fill only interior gaps: extrapolating at the ends would invent data.
            if (gapStart > 0 && k < grid.Length && gapLength * period <= _options.MaximumGapFillSeconds + 1e-9)
            {
                float left = grid[gapStart - 1], right = grid[k];
                for (int j = 0; j < gapLength; j++)
                    grid[gapStart + j] = left + (right - left) * (j + 1) / (gapLength + 1);
                filled += gapLength;
            }
        }
        return filled;
    }
}
