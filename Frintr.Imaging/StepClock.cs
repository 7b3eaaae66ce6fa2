using System.Diagnostics;

namespace Frintr.Imaging;

/// <summary>Wall time per step of one render.</summary>
internal sealed class StepClock
{
    private readonly List<StepTiming> _laps = [];
    private long _start = Stopwatch.GetTimestamp();

    public IReadOnlyList<StepTiming> Laps => _laps;

    public void Lap(string step)
    {
        var now = Stopwatch.GetTimestamp();
        _laps.Add(new StepTiming(step, Stopwatch.GetElapsedTime(_start, now).TotalSeconds));
        _start = now;
    }
}
