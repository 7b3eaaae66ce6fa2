using Frintr.Jobs.Contracts;

namespace Frintr.Jobs.Friends.Import;

/// <summary>Brings an account's friends from one social network, page by page, within a deadline.</summary>
public interface IFriendImporter
{
    FriendsSource Source { get; }

    /// <exception cref="FriendsUnavailableException">The account does not exist, or the network could not be asked.</exception>
    Task<FriendList> ImportAsync(ImportRequest request, CancellationToken cancellationToken);
}

/// <param name="Account">As <see cref="FriendAccount.Normalize"/> made it.</param>
/// <param name="AvatarSide">Pixels a tile's picture needs (networks that can scale avatars are asked for about this).</param>
/// <param name="Deadline">Rate-limit waits that would end later are not waited for: the import stops there and says so.</param>
/// <param name="WantAccount">The account's own profile picture is wanted (the target).</param>
public sealed record ImportRequest(string Account, FriendsRelation Relation, int MaxFriends, int AvatarSide, DateTimeOffset Deadline, bool WantAccount);
