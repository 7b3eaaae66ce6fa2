using System.ComponentModel.DataAnnotations;

namespace Frintr.Web.Hosting;

/// <summary>The web tier's own settings (section <c>Frintr</c>).</summary>
public sealed class FrintrWebOptions
{
    public const string Section = "Frintr";

    /// <summary>Where uploads and finished mosaics live. Web instances that share one Redis share this folder too.</summary>
    [Required]
    public string DataPath { get; set; } = "data";

    /// <summary>Largest single picture a person may upload.</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxPictureBytes { get; set; } = 15 * 1024 * 1024;

    /// <summary>Largest whole submission (target plus friends' pictures).</summary>
    [Range(1024, 4L * 1024 * 1024 * 1024)]
    public long MaxSubmissionBytes { get; set; } = 200 * 1024 * 1024;

    /// <summary>Most friends' pictures (uploads plus URLs) in one mosaic.</summary>
    [Range(1, Frintr.Imaging.MosaicLimits.MaxFriends)]
    public int MaxFriends { get; set; } = 2000;

}
