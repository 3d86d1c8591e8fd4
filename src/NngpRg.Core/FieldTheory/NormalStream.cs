using NngpRg.Core.Data;

namespace NngpRg.Core.FieldTheory;

/// <summary>
/// A fast seeded stream of standard normals for the network Monte Carlo: xoshiro256** (Blackman–Vigna) seeded by SplitMix64
/// from (seed, stream), and the Marsaglia–Tsang ziggurat with 128 layers (the layer from the low 7 bits, the value from
/// the high 32 bits of one 64-bit draw). Stream s of seed σ is the same sequence on every machine and thread count.
/// </summary>
internal struct NormalStream
{
    private Xoshiro256StarStar _bits;

    private static readonly uint[] Kn = new uint[128];
    private static readonly double[] Wn = new double[128];
    private static readonly double[] Fn = new double[128];
    private const double R = 3.442619855899;

    static NormalStream()
    {
        const double m1 = 2147483648.0, vn = 9.91256303526217e-3;
        double dn = R, tn = dn;
        double q = vn / Math.Exp(-0.5 * dn * dn);
        Kn[0] = (uint)(dn / q * m1);
        Kn[1] = 0;
        Wn[0] = q / m1;
        Wn[127] = dn / m1;
        Fn[0] = 1.0;
        Fn[127] = Math.Exp(-0.5 * dn * dn);
        for (int i = 126; i >= 1; i--)
        {
            dn = Math.Sqrt(-2 * Math.Log(vn / dn + Math.Exp(-0.5 * dn * dn)));
            Kn[i + 1] = (uint)(dn / tn * m1);
            tn = dn;
            Fn[i] = Math.Exp(-0.5 * dn * dn);
            Wn[i] = dn / m1;
        }
    }

    /// <summary>Stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    public NormalStream(int seed, long stream)
    {
        ulong x = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)stream * 0xD1B54A32D192ED03UL ^ 0x5851F42D4C957F2DUL);
        _bits = new Xoshiro256StarStar(x);
    }

    private ulong Next() => _bits.Next();

    /// <summary>Uniform on (0, 1).</summary>
    public double Uniform() => ((Next() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>A standard normal.</summary>
    public double Normal()
    {
        ulong bits = Next();
        int hz = (int)(bits >> 32);
        int iz = (int)(bits & 127);
        uint abs = hz < 0 ? (uint)(-(long)hz) : (uint)hz;
        return abs < Kn[iz] ? hz * Wn[iz] : Tail(hz, iz);
    }

    private double Tail(int hz, int iz)
    {
        while (true)
        {
            double x = hz * Wn[iz];
            if (iz == 0)
            {
                double y;
                do
                {
                    x = -Math.Log(Uniform()) / R;
                    y = -Math.Log(Uniform());
                } while (y + y < x * x);
                return hz > 0 ? R + x : -R - x;
            }
            if (Fn[iz] + Uniform() * (Fn[iz - 1] - Fn[iz]) < Math.Exp(-0.5 * x * x)) return x;
            ulong bits = Next();
            hz = (int)(bits >> 32);
            iz = (int)(bits & 127);
            uint abs = hz < 0 ? (uint)(-(long)hz) : (uint)hz;
            if (abs < Kn[iz]) return hz * Wn[iz];
        }
    }
}
