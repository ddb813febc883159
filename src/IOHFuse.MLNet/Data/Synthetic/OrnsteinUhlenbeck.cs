namespace IOHFuse.MLNet.Data;

/// <summary>An Ornstein–Uhlenbeck process sampled exactly at a fixed period: mean 0, stationary SD, correlation time τ.</summary>
internal struct OrnsteinUhlenbeck
{
    private readonly double _phi;
    private readonly double _innovationSd;
    private double _value;

    /// <summary>Starts the process in its stationary distribution.</summary>
    public OrnsteinUhlenbeck(Random r, double tauSeconds, double sd, double periodSeconds)
    {
        _phi = Math.Exp(-periodSeconds / tauSeconds);
        _innovationSd = sd * Math.Sqrt(1 - _phi * _phi);
        _value = r.Gaussian(0, sd);
    }

    /// <summary>The next sample.</summary>
    public double Next(Random r) => _value = _phi * _value + r.Gaussian(0, _innovationSd);
}
