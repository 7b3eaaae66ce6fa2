namespace Frintr.Web.Mosaics.Retention;

public static class RetentionExtensions
{
    /// <summary>The web tier's sweep of uploads and finished mosaics (<see cref="RetentionSweeper"/>).</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<RetentionSweeper>();
        return services;
    }
}
