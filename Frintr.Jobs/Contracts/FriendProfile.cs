namespace Frintr.Jobs.Contracts;

/// <summary>Who a friend is, as the result page shows it ("who is this tile?"): a name and, when the friend
/// came from a network, a link to their profile.</summary>
public sealed record FriendProfile(string Name, string? ProfileUrl = null);
