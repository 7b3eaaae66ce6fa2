namespace Frintr.Jobs.Contracts;

/// <summary>Who fills each cell of a finished mosaic (<c>GET /api/mosaics/{id}/map</c>): <see cref="Cells"/> holds,
/// row after row, an index into <see cref="Friends"/>.</summary>
public sealed record MosaicMap(int Columns, int Rows, int TileSize, IReadOnlyList<int> Cells, IReadOnlyList<FriendProfile> Friends);
