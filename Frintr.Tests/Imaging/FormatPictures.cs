using System.Buffers.Binary;
using SkiaSharp;

namespace Frintr.Tests.Imaging;

/// <summary>Hand-made files for formats and metadata that SkiaSharp cannot write (BMP, GIF, EXIF orientation).</summary>
internal static class FormatPictures
{
    /// <summary>A 1×1 GIF whose only pixel is red (palette index 0).</summary>
    public static readonly byte[] RedGif = Convert.FromHexString(
        "474946383961010001008000" + "00ff0000000000" + "2c00000000010001000002024401003b");

    /// <summary>A 24-bit BMP filled with one colour.</summary>
    public static byte[] Bmp(int width, int height, SKColor color)
    {
        var rowBytes = ((width * 3) + 3) / 4 * 4;
        var pixels = rowBytes * height;
        var file = new byte[54 + pixels];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), 24);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(34), pixels);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                var o = 54 + (y * rowBytes) + (x * 3);
                (file[o], file[o + 1], file[o + 2]) = (color.Blue, color.Green, color.Red);
            }
        }

        return file;
    }

    /// <summary>A JPEG with an EXIF APP1 segment carrying <paramref name="orientation"/> (1–8).</summary>
    public static byte[] JpegWithOrientation(byte[] jpeg, int orientation)
    {
        var tiff = new byte[26];
        "MM"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(8), 1);          // one IFD entry
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(10), 0x0112);    // Orientation
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(12), 3);         // SHORT
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(14), 1);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(18), (ushort)orientation);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(22), 0);         // no next IFD
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return jpeg.Take(2).Concat(segment).Concat(jpeg.Skip(2)).ToArray();
    }

    /// <summary>Left half red, right half blue: shows where "left" went after orientation.</summary>
    public static byte[] RedLeftBlueRight(int width, int height) =>
        TestPictures.Draw(width, height, SKEncodedImageFormat.Jpeg, canvas =>
        {
            canvas.Clear(SKColors.Blue);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, width / 2f, height, red);
        });
}
