namespace Frintr.Tests.Infrastructure;

internal static class Eventually
{
    /// <summary>Waits, checking every 100 ms, until <paramref name="condition"/> holds; fails naming <paramref name="what"/>.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting until {what}.");
            await Task.Delay(100);
        }
    }
}
