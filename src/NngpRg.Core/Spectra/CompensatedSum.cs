namespace NngpRg.Core.Spectra;

/// <summary>Neumaier's compensated summation: the running error of floating additions is carried and added back.</summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    /// <summary>Adds <paramref name="x"/>.</summary>
    public void Add(double x)
    {
        double t = _sum + x;
        _compensation += Math.Abs(_sum) >= Math.Abs(x) ? (_sum - t) + x : (x - t) + _sum;
        _sum = t;
    }

    /// <summary>The compensated total.</summary>
    public readonly double Value => _sum + _compensation;
}
