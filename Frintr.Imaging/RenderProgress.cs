namespace Frintr.Imaging;

/// <summary>Where the engine is in its work; <see cref="Fraction"/> is 0–1 over the whole render.</summary>
public sealed record RenderProgress(RenderStage Stage, double Fraction);

public enum RenderStage
{
    Prepare,
    Match,
    Render,
    Encode,
}
