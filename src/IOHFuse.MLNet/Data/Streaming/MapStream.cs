using System.Globalization;

namespace IOHFuse.MLNet.Data;

/// <summary>
/// The bedside loop: push (time, MAP) samples as a monitor delivers them, at whatever period it has, and receive the
/// model input at every stride, or the reason there is none. Each input is built only from samples recorded up to
/// its prediction time, cleaned and resampled by <see cref="TrackCleaner.CleanUntil"/> exactly as training windows
/// are, so the model sees at the bedside what it was trained and evaluated on.
/// </summary>
/// <remarks>
/// The stream's clock starts at the first sample: the first prediction time is that time plus (history − 1) periods
/// (the first moment a full history can exist), then one every stride. Samples must arrive in time order. Not thread-safe: use one stream per patient.
/// </remarks>
public sealed class MapStream
{
    private readonly TrackCleaner _cleaner;
    private readonly double _period;
    private readonly int _historyLength;
    private readonly int _strideSamples;
    private readonly double _maximumInvalidFraction;
    private readonly double _keepSeconds;
    private readonly List<double> _times = [];
    private readonly List<float> _values = [];
    private double _origin = double.NaN;
    private int _nextIndex;

    /// <summary>Creates a stream for a model.</summary>
    /// <param name="model">The model's time base (<c>mlContext.IOHFuse().GetModelInfo(model)</c>).</param>
    /// <param name="options">Stride and cleaning; defaults when null.</param>
    public MapStream(IohFuseModelInfo model, MapStreamOptions? options = null)
        : this((model ?? throw new ArgumentNullException(nameof(model))).SamplePeriodSeconds, model.HistoryLength, options)
    {
    }

    /// <summary>Creates a stream for a sample period and history length.</summary>
    /// <param name="samplePeriodSeconds">The model's sample period in seconds; positive.</param>
    /// <param name="historyLength">History samples per prediction; positive.</param>
    /// <param name="options">Stride and cleaning; defaults when null.</param>
    public MapStream(double samplePeriodSeconds, int historyLength, MapStreamOptions? options = null)
    {
        if (!(samplePeriodSeconds > 0) || !double.IsFinite(samplePeriodSeconds))
            throw new ArgumentOutOfRangeException(nameof(samplePeriodSeconds), samplePeriodSeconds, "must be positive.");
        if (historyLength <= 0)
            throw new ArgumentOutOfRangeException(nameof(historyLength), historyLength, "must be positive.");
        var o = (options ?? new MapStreamOptions()).Clone();
        double strides = o.StrideSeconds / samplePeriodSeconds;
        _strideSamples = (int)Math.Round(strides);
        if (!(o.StrideSeconds > 0) || _strideSamples < 1 || Math.Abs(strides - _strideSamples) > 1e-6)
            throw new ArgumentOutOfRangeException(nameof(options), o.StrideSeconds,
                $"{nameof(MapStreamOptions.StrideSeconds)} must be a positive whole number of sample periods ({samplePeriodSeconds} s).");
        if (!(o.MaximumInvalidFraction >= 0 && o.MaximumInvalidFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), o.MaximumInvalidFraction, $"{nameof(MapStreamOptions.MaximumInvalidFraction)} must be in [0, 1].");
        var cleaning = (o.Cleaning ?? new CleaningOptions()).Clone();
        cleaning.SamplePeriodSeconds = samplePeriodSeconds;
        _cleaner = new TrackCleaner(cleaning);
        _period = samplePeriodSeconds;
        _historyLength = historyLength;
        _maximumInvalidFraction = o.MaximumInvalidFraction;
        // Enough raw data for the history plus every lookback cleaning may need (interpolation, flat lines, margins).
        _keepSeconds = 2 * historyLength * samplePeriodSeconds + 2 * Math.Max(600, cleaning.MaximumInterpolationSeconds) + cleaning.FlatLineSeconds;
        StrideSeconds = o.StrideSeconds;
        _nextIndex = historyLength - 1;
    }

    /// <summary>The model's sample period in seconds.</summary>
    public double SamplePeriodSeconds => _period;

    /// <summary>History samples per prediction.</summary>
    public int HistoryLength => _historyLength;

    /// <summary>Seconds between prediction times.</summary>
    public double StrideSeconds { get; }

    /// <summary>The next prediction time (NaN before the first sample).</summary>
    public double NextPredictionTime => _origin + _nextIndex * _period;

    /// <summary>Time of the latest sample (NaN before the first).</summary>
    public double LastSampleTime => _times.Count > 0 ? _times[^1] : double.NaN;

    /// <summary>
    /// Why the stream has not reached its first prediction time yet — no sample so far, or the first history still
    /// filling (how much is there and when the first prediction is due) — or null once it has. Prediction times after
    /// the first carry their own reason (<see cref="StreamWindow.SkipReason"/>) when no prediction can be made.
    /// </summary>
    public string? WarmUpReason
    {
        get
        {
            if (double.IsNaN(_origin))
                return "no MAP sample yet";
            if (_nextIndex != _historyLength - 1)
                return null;
            double needed = _historyLength * _period / 60, have = (_times[^1] - _origin + _period) / 60;
            return string.Create(CultureInfo.InvariantCulture,
                $"collecting the first {needed:0.#} min of history: {Math.Min(have, needed):0.#} min so far; the first prediction is due at t = {NextPredictionTime:0.#} s");
        }
    }

    /// <summary>Adds one sample and returns the prediction times it completed (usually none or one).</summary>
    /// <param name="timeSeconds">Sample time in seconds; later than every earlier sample.</param>
    /// <param name="mapMmHg">MAP in mmHg; NaN for "no value" (artifacts are cleaned, not rejected).</param>
    /// <exception cref="ArgumentException">The time is not finite or not after the previous sample.</exception>
    public IReadOnlyList<StreamWindow> Push(double timeSeconds, float mapMmHg)
    {
        if (!double.IsFinite(timeSeconds))
            throw new ArgumentException($"The sample time {timeSeconds} is not finite.", nameof(timeSeconds));
        if (_times.Count > 0 && !(timeSeconds > _times[^1]))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Samples must arrive in time order: {timeSeconds} s is not after {_times[^1]} s."), nameof(timeSeconds));
        if (double.IsNaN(_origin))
            _origin = timeSeconds;
        // Prediction times strictly before this sample are complete (nothing recorded at or before them can still come).
        var due = Advance(timeSeconds, inclusive: false);
        _times.Add(timeSeconds);
        _values.Add(mapMmHg);
        Trim();
        return due;
    }

    /// <summary>Returns the prediction times up to and including <paramref name="nowSeconds"/>: call it on a timer when
    /// the monitor is quiet, so a silent line shows up as skipped predictions instead of none.</summary>
    /// <param name="nowSeconds">The current time on the stream's clock.</param>
    public IReadOnlyList<StreamWindow> Advance(double nowSeconds) => Advance(nowSeconds, inclusive: true);

    private List<StreamWindow> Advance(double now, bool inclusive)
    {
        var due = new List<StreamWindow>();
        if (double.IsNaN(_origin))
            return due;
        while (inclusive ? NextPredictionTime <= now + 1e-9 : NextPredictionTime < now - 1e-9)
        {
            due.Add(Window(_nextIndex));
            _nextIndex += _strideSamples;
        }
        return due;
    }

    private StreamWindow Window(int index)
    {
        double time = _origin + index * _period;
        var track = new TimedTrack("MAP", "mmHg", _times.ToArray(), _values.ToArray());
        float[] history = _cleaner.CleanUntil(track, _origin, index, _historyLength).Values;
        if (float.IsNaN(history[^1]))
            return new StreamWindow(time, null, "no valid MAP at the prediction time", StreamSkipKind.MissingNow);
        int missing = history.Count(float.IsNaN);
        if (missing > _maximumInvalidFraction * history.Length)
            return new StreamWindow(time, null, string.Create(CultureInfo.InvariantCulture,
                $"{100.0 * missing / history.Length:0}% of the history is missing (limit {100 * _maximumInvalidFraction:0}%)"), StreamSkipKind.MissingHistory);
        CaseWindower.CarryForward(history);
        return new StreamWindow(time, history, null, StreamSkipKind.None);
    }

    private void Trim()
    {
        if (_times.Count < 4096)
            return;
        double keepFrom = NextPredictionTime - _keepSeconds;
        int drop = 0;
        while (drop < _times.Count - 1 && _times[drop] < keepFrom)
            drop++;
        if (drop > _times.Count / 2)
        {
            _times.RemoveRange(0, drop);
            _values.RemoveRange(0, drop);
        }
    }
}
