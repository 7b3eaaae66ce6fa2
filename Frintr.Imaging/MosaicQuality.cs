using Frintr.Imaging.Decoding;
using Frintr.Imaging.Pixels;
using Frintr.Imaging.Quality;
using Frintr.Imaging.Rendering;

namespace Frintr.Imaging;

/// <summary>Measures any mosaic picture (ours or another tool's) against its target with the engine's own
/// quality figures, so that comparisons are like for like.</summary>
public static class MosaicQuality
{
    public static QualityReport Compare(Func<Stream> target, Func<Stream> mosaic, int cellSize)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(mosaic);
        RgbImage picture;
        using (var stream = mosaic())
        using (var bitmap = PictureDecoder.Decode(stream))
            picture = RgbImage.FromBitmap(bitmap);
        var reference = TargetPicture.LoadExactly(target, picture.Width, picture.Height);
        var (cells, blocks, ssim) = QualityMeter.Measure(reference, picture, cellSize);
        return new QualityReport(cells, blocks, ssim, 0, 0);
    }
}
