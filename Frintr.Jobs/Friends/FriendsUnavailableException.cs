using Frintr.Jobs.Contracts;
using Frintr.Jobs.Rendering;

namespace Frintr.Jobs.Friends;

/// <summary>The mosaic cannot have friends: the account does not exist, its network did not answer, or too few
/// pictures arrived. The message is for the person; <see cref="Friends"/> says how far it got.</summary>
public sealed class FriendsUnavailableException : PictureFetchException
{
    public FriendsUnavailableException(string message, FriendCounts? friends = null, Exception? innerException = null)
        : base(message, message, innerException)
    {
        Friends = friends;
    }

    public FriendsUnavailableException()
    {
    }

    public FriendsUnavailableException(string message)
        : base(message)
    {
    }

    public FriendsUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FriendCounts? Friends { get; }
}
