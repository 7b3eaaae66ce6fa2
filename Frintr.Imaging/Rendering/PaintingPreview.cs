using System.Diagnostics;
using Frintr.Imaging.Encoding;
using Frintr.Imaging.Pixels;

namespace Frintr.Imaging.Rendering;

/// <summary>A small copy of the mosaic that fills in cell by cell while the canvas is painted, handed out as a
/// JPEG at most every <see cref="PreviewOptions.Every"/> and at most <see cref="PreviewOptions.MaxBytes"/> long.
/// Each cell is averaged down from the patch just painted, so the cost is one read of the painted pixels.</summary>
internal sealed class PaintingPreview
{
    private static readonly int[] Qualities = [80, 65, 50, 35];
    private static readonly byte[] Unpainted = [0xE4, 0xE0, 0xD8];

    private readonly PreviewOptions _options;
    private readonly RgbImage _picture;
    private readonly int _cell;
    private readonly int _tileSize;
    private readonly Lock _encoding = new();
    private long _lastFrame = long.MinValue;

    public PaintingPreview(PreviewOptions options, int columns, int rows, int tileSize)
    {
        _options = options;
        _tileSize = tileSize;
        _cell = Math.Clamp(options.MaxSide / Math.Max(columns, rows), 1, tileSize);
        _picture = RgbImage.Rgba(columns * _cell, rows * _cell);
        for (var i = 0; i < _picture.Data.Length; i += 4)
        {
            Unpainted.CopyTo(_picture.Data, i);
            _picture.Data[i + 3] = 255;
        }
    }

    public int Width => _picture.Width;

    public int Height => _picture.Height;

    /// <summary>Averages a painted cell (RGB, tile size square) into its place; cells never overlap, so the
    /// painting threads need no lock.</summary>
    public void Add(int column, int row, ReadOnlySpan<byte> patch)
    {
        var s = _tileSize;
        for (var py = 0; py < _cell; py++)
        {
            int y0 = py * s / _cell, y1 = (py + 1) * s / _cell;
            for (var px = 0; px < _cell; px++)
            {
                int x0 = px * s / _cell, x1 = (px + 1) * s / _cell;
                int r = 0, g = 0, b = 0;
                for (var y = y0; y < y1; y++)
                {
                    var line = patch.Slice(((y * s) + x0) * 3, (x1 - x0) * 3);
                    for (var i = 0; i < line.Length; i += 3)
                    {
                        r += line[i];
                        g += line[i + 1];
                        b += line[i + 2];
                    }
                }

                var n = (y1 - y0) * (x1 - x0);
                var at = ((((row * _cell) + py) * _picture.Width) + (column * _cell) + px) * 4;
                _picture.Data[at] = (byte)(r / n);
                _picture.Data[at + 1] = (byte)(g / n);
                _picture.Data[at + 2] = (byte)(b / n);
            }
        }
    }

    /// <summary>A row of cells is done: hands out a frame if the last one is old enough (and no other thread is
    /// encoding one right now).</summary>
    public void RowDone()
    {
        var now = Stopwatch.GetTimestamp();
        if (now - Interlocked.Read(ref _lastFrame) < _options.Every.TotalSeconds * Stopwatch.Frequency || !_encoding.TryEnter())
            return;
        try
        {
            Interlocked.Exchange(ref _lastFrame, now);
            Emit();
        }
        finally
        {
            _encoding.Exit();
        }
    }

    /// <summary>The whole canvas is painted: the last frame, whatever the time since the one before.</summary>
    public void Finish()
    {
        lock (_encoding)
            Emit();
    }

    private void Emit()
    {
        foreach (var quality in Qualities)
        {
            using var jpeg = new MemoryStream();
            MosaicEncoder.Encode(_picture, MosaicFormat.Jpeg, quality, jpeg);
            if (jpeg.Length <= _options.MaxBytes)
            {
                _options.Frame(new PreviewFrame(jpeg.ToArray(), _picture.Width, _picture.Height));
                return;
            }
        }
    }
}
