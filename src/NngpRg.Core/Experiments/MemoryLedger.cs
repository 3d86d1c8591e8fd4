using System.Collections.Immutable;

namespace NngpRg.Core.Experiments;

/// <summary>
/// The accounting of the experiment's large buffers (those whose size grows like N² or N·K): every such buffer is allocated,
/// handed on and released through the ledger, which records the live bytes and the peak with the buffers alive at it. With
/// <see cref="VerifyWithGarbageCollector"/> every event also forces a full collection and records the live bytes of the
/// large-object heap (where every array of 85 000 bytes or more lives), an independent count that also sees large buffers the
/// ledger was not told about.
/// </summary>
internal sealed class MemoryLedger
{
    private readonly Dictionary<string, long> _live = [];
    private long _liveBytes;

    /// <summary>Whether each event forces a full garbage collection and samples the large-object heap (tests only: slow).</summary>
    public bool VerifyWithGarbageCollector { get; init; }

    /// <summary>The largest sum of live tracked bytes.</summary>
    public long PeakBytes { get; private set; }

    /// <summary>The tracked buffers alive at the peak, with their sizes in bytes.</summary>
    public ImmutableArray<(string Name, long Bytes)> AtPeak { get; private set; } = [];

    /// <summary>The largest live large-object-heap size seen at an event (0 unless verifying).</summary>
    public long PeakLargeObjectHeapBytes { get; private set; }

    /// <summary>The event at which <see cref="PeakLargeObjectHeapBytes"/> was seen.</summary>
    public string PeakLargeObjectHeapEvent { get; private set; } = "";

    /// <summary>A new zeroed buffer of <paramref name="length"/> doubles, recorded as <paramref name="name"/>.</summary>
    public double[] Allocate(string name, long length)
    {
        var buffer = new double[length];
        Add(name, 8 * length);
        Sample($"allocated {name}");
        return buffer;
    }

    /// <summary>Records that the buffer called <paramref name="from"/> now serves as <paramref name="to"/> (no allocation).</summary>
    public void Reuse(string from, string to)
    {
        long bytes = _live[from];
        _live.Remove(from);
        _live[to] = bytes;
        Sample($"{from} reused as {to}");
    }

    /// <summary>Records that the buffer is no longer referenced.</summary>
    public void Release(string name)
    {
        _liveBytes -= _live[name];
        _live.Remove(name);
        Sample($"released {name}");
    }

    /// <summary>A verification point between events (e.g. after a step that should not allocate large buffers).</summary>
    public void Checkpoint(string where) => Sample(where);

    private void Add(string name, long bytes)
    {
        _live.Add(name, bytes);
        _liveBytes += bytes;
        if (_liveBytes > PeakBytes)
        {
            PeakBytes = _liveBytes;
            AtPeak = [.. _live.Select(p => (p.Key, p.Value))];
        }
    }

    private void Sample(string where)
    {
        if (!VerifyWithGarbageCollector) return;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var loh = info.GenerationInfo[3];
        long live = loh.SizeAfterBytes - loh.FragmentationAfterBytes;
        if (live > PeakLargeObjectHeapBytes)
        {
            PeakLargeObjectHeapBytes = live;
            PeakLargeObjectHeapEvent = where;
        }
    }
}
