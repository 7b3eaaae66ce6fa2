namespace Frintr.Web.Admin;

/// <summary>Who may see the Hangfire dashboard (section <c>Frintr:Admin</c>).</summary>
public sealed class AdminOptions
{
    public const string Section = "Frintr:Admin";

    public string UserName { get; set; } = "admin";

    /// <summary>When empty, a random password is made at start-up and written once to the log.</summary>
    public string Password { get; set; } = string.Empty;
}
