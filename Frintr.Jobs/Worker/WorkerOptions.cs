using System.ComponentModel.DataAnnotations;

namespace Frintr.Jobs.Worker;

/// <summary>How a worker process runs (section <c>Frintr:Worker</c>).</summary>
public sealed class WorkerOptions
{
    public const string Section = "Frintr:Worker";

    /// <summary>The web tier's address: inputs are fetched from it, pictures and notes uploaded to it.</summary>
    public Uri? WebBaseUrl { get; set; }

    /// <summary>Shared secret that proves to the web tier that this is one of our workers.</summary>
    [Required(ErrorMessage = "Frintr:Worker:WorkerKey is required: workers authenticate to the web tier with it.")]
    [MinLength(16, ErrorMessage = "Frintr:Worker:WorkerKey must be at least 16 characters.")]
    public string WorkerKey { get; set; } = string.Empty;

    /// <summary>Mosaics rendered at once by this process.</summary>
    [Range(1, 64)]
    public int Count { get; set; } = Math.Clamp(Environment.ProcessorCount / 2, 1, 64);

    /// <summary>Shown on the Hangfire dashboard and written into completion notes.</summary>
    public string Name { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Friends' picture URLs may point at loopback or private networks. Off in production: it would let
    /// anyone make our workers probe the internal network.</summary>
    public bool AllowPrivateNetworks { get; set; }

    [Range(1024, 256L * 1024 * 1024)]
    public long MaxPictureBytes { get; set; } = 15 * 1024 * 1024;

    /// <summary>A render that takes longer is abandoned. At most 10 minutes: the Redis invisibility timeout
    /// (15 minutes) must outlast it plus the note's upload, or a running job would go to a second worker.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:10:00", ErrorMessage = "Frintr:Worker:RenderTimeout must be between 10 seconds and 10 minutes.")]
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Friends' pictures downloaded at once per mosaic.</summary>
    [Range(1, 64)]
    public int ParallelDownloads { get; set; } = 8;
}
