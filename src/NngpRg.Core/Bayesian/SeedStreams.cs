using NngpRg.Core.Data;

namespace NngpRg.Core.Bayesian;

/// <summary>
/// Independent, reproducible random streams from one user seed: stream s of seed σ is a xoshiro256** generator whose
/// state is filled by SplitMix64 from (σ, s). Work split into fixed streams (chunks of networks, ensemble members) gives
/// the same numbers whatever the number of threads.
/// </summary>
internal static class SeedStreams
{
    /// <summary>The generator of stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    public static Random Random(int seed, long stream) => new Xoshiro256(unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)stream * 0xD1B54A32D192ED03UL));

    /// <summary>
    /// xoshiro256** (Blackman–Vigna) behind the <see cref="System.Random"/> interface: the seeded <c>new Random(int)</c> is
    /// the slow legacy subtractive generator, and the fast built-in one cannot be seeded.
    /// </summary>
    private sealed class Xoshiro256 : Random
    {
        private Xoshiro256StarStar _bits;

        public Xoshiro256(ulong seed) => _bits = new Xoshiro256StarStar(seed);

        private ulong NextUInt64() => _bits.Next();

        /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
        public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        protected override double Sample() => NextDouble();

        public override int Next() => (int)(NextUInt64() >> 33);

        public override int Next(int maxValue)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
            return (int)(NextDouble() * maxValue);
        }

        public override int Next(int minValue, int maxValue)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
            return minValue + (int)(NextDouble() * ((long)maxValue - minValue));
        }

        public override void NextBytes(Span<byte> buffer)
        {
            for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)(NextUInt64() >> 56);
        }

        public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());
    }
}
