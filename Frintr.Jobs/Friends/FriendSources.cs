using Frintr.Jobs.Contracts;
using Frintr.Jobs.Friends.Import;
using Frintr.Jobs.Friends.Library;
using Microsoft.Extensions.Options;

namespace Frintr.Jobs.Friends;

/// <summary>Who a mosaic's friends are: the pictures the request carries (uploads, URLs), an account's friends
/// imported from its network, or the built-in library. Duplicates collapse and the list stops at
/// <see cref="FriendsOptions.MaxFriends"/>.</summary>
public sealed class FriendSources(IEnumerable<IFriendImporter> importers, BuiltinLibrary library, IOptions<FriendsOptions> options, TimeProvider time)
{
    public async Task<FriendList> ResolveAsync(MosaicRequest request, int avatarSide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var max = options.Value.MaxFriends;
        var source = request.FriendsSource;
        if (source == FriendsSource.Builtin)
            return library.Friends(max);
        if (source.IsList())
            return FromRequest(request.Friends, max);

        var account = FriendAccount.Normalize(source, request.Account, out var problem)
            ?? throw new FriendsUnavailableException(problem!);
        var importer = importers.FirstOrDefault(i => i.Source == source)
            ?? throw new FriendsUnavailableException($"This worker cannot import friends from {source.DisplayName()}.");
        var deadline = time.GetUtcNow() + options.Value.ImportTimeout;
        return await importer.ImportAsync(
            new ImportRequest(account, request.Relation, max, avatarSide, deadline, request.TargetFromAccount), cancellationToken);
    }

    private static FriendList FromRequest(IReadOnlyList<PictureRef> pictures, int max)
    {
        // The same address twice is one friend; so is the same upload (the web tier hashed it).
        var distinct = pictures
            .DistinctBy(p => p.Source == PictureSource.Url ? "url:" + p.Location : p.ContentHash is { } hash ? "hash:" + hash : "upload:" + p.Location)
            .ToList();
        var friends = distinct.Take(max)
            .Select(p => new FriendRef(new FriendProfile(
                FriendText.CleanName(p.Name) ?? (p.Source == PictureSource.Url ? FriendText.NameFromUrl(p.Location) : "a friend")), p))
            .ToList();
        return new FriendList(friends)
        {
            Notes = distinct.Count > max ? [$"Only the first {max:N0} of {distinct.Count:N0} friends were used (the most one mosaic takes here)."] : [],
        };
    }
}
