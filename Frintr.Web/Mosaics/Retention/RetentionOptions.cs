using System.ComponentModel.DataAnnotations;

namespace Frintr.Web.Mosaics.Retention;

/// <summary>How long people's pictures stay on the web tier's disk (keys under <c>Frintr</c>).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Frintr";

    /// <summary>Finished mosaics (picture and note) are removed this many days after they were finished.</summary>
    [Range(1, 36500, ErrorMessage = "Frintr:ResultDays must be between 1 and 36,500.")]
    public int ResultDays { get; set; } = 30;

    /// <summary>Uploads of a mosaic that never reaches a final state are removed after this many hours, and the
    /// mosaic is marked failed: no mosaic legitimately waits that long.</summary>
    [Range(1, 8760, ErrorMessage = "Frintr:InputHours must be between 1 and 8,760.")]
    public int InputHours { get; set; } = 24;

    /// <summary>How often the web tier looks for uploads and results to remove.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Frintr:RetentionSweep must be between 1 second and 1 day.")]
    public TimeSpan RetentionSweep { get; set; } = TimeSpan.FromMinutes(1);
}
