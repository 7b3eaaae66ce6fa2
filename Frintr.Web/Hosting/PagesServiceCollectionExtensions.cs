using Frintr.Web.Admin;
using Frintr.Web.Mosaics.Gallery;
using Frintr.Web.Mosaics.Status;
using Frintr.Web.Mosaics.Storage;

namespace Frintr.Web.Hosting;

public static class PagesServiceCollectionExtensions
{
    /// <summary>What the pages need beyond submitting: queue places, owners' galleries, the admin overview.</summary>
    public static IServiceCollection AddFrintrPages(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<QueuePlaces>();
        services.AddSingleton<OwnerIndex>();
        services.AddSingleton<OutcomeLog>();
        services.AddScoped<MosaicGallery>();
        services.AddScoped<AdminOverview>();
        services.AddCascadingAuthenticationState();
        return services;
    }
}
