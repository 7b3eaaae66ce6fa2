namespace Frintr.Imaging.Preparation;

/// <summary>One friend's tile in one mosaic, prepared earlier (<see cref="TilePreparation"/>): the
/// <see cref="MosaicEngine"/> renders from these without decoding a friend's picture again.
/// <paramref name="FriendId"/> is what the tile map names; it must be unique within a mosaic.</summary>
public sealed record PreparedTile(string FriendId, PreparedPicture Picture);
