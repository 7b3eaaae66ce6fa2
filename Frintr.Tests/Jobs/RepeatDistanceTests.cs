using Frintr.Jobs.Rendering;

namespace Frintr.Tests.Jobs;

public sealed class RepeatDistanceTests
{
    [Theory]
    [InlineData(5, 1000, 5)]
    [InlineData(5, 121, 5)]
    [InlineData(5, 120, 4)]
    [InlineData(5, 24, 1)]
    [InlineData(5, 8, 0)]
    [InlineData(0, 1, 0)]
    public void Repeat_distance_shrinks_only_as_far_as_the_library_needs(int requested, int pictures, int expected) =>
        Assert.Equal(expected, RenderMosaicJob.FeasibleRepeatDistance(requested, pictures));
}
