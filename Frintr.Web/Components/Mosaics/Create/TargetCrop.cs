using Frintr.Imaging;

namespace Frintr.Web.Components.Mosaics.Create;

/// <summary>The crop the person framed, and the upright picture's size in pixels as the browser read it.</summary>
public sealed record TargetCrop(CropBox Box, int PictureWidth, int PictureHeight)
{
    /// <summary>The crop's size in pixels: what the output's aspect follows.</summary>
    public (double Width, double Height) Pixels => (Box.Width * PictureWidth, Box.Height * PictureHeight);

    /// <summary>Null when the crop keeps the whole picture (nothing to send).</summary>
    public CropBox? ForRequest => Box is { Left: <= 1e-6, Top: <= 1e-6, Width: >= 0.999999, Height: >= 0.999999 } ? null : Box;
}
