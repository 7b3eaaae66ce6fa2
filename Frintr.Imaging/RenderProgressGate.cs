namespace Frintr.Imaging;

/// <summary>Serialises progress from worker threads and keeps it monotonic and at most ~1% apart, so that a
/// job pushing it live is not flooded.</summary>
internal sealed class RenderProgressGate(IProgress<RenderProgress>? sink)
{
    private readonly Lock _gate = new();
    private double _last = -1;

    public void At(RenderStage stage, double fraction)
    {
        if (sink is null)
            return;
        lock (_gate)
        {
            if (fraction < _last + 0.01 && fraction < 1)
                return;
            _last = fraction;
            sink.Report(new RenderProgress(stage, Math.Clamp(fraction, 0, 1)));
        }
    }
}
