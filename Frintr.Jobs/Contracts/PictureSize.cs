namespace Frintr.Jobs.Contracts;

/// <summary>Size limits for pictures on the move, shared by uploads (web tier) and downloads (workers).</summary>
public static class PictureSize
{
    /// <summary>Copies at most <paramref name="maxBytes"/>; false (with the copy cut short) when the source is larger.
    /// Counting while copying matters: a declared Content-Length can lie, and a browser upload has none.</summary>
    public static async Task<bool> CopyAtMostAsync(Stream source, Stream target, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
                return false;
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return true;
    }

    public static string Megabytes(long bytes) => $"{bytes / (1024 * 1024)} MB";
}
