using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Frintr.Imaging.Features;
using Frintr.Imaging.Preparation;

namespace Frintr.Imaging.Matching;

/// <summary>The prefilter's hot loop: one cell against one block of 16 friends, each friend's squared coarse
/// distance to its closest variant. One 512-bit vector holds a dimension of all 16 where the CPU has AVX-512,
/// two 256-bit halves otherwise; the arithmetic is the same either way, so is the result.</summary>
internal static class CoarseKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ClosestVariants(FriendBlocks blocks, int block, ReadOnlySpan<float> cell, Span<float> distances)
    {
        const int D = FeatureLayout.CoarseLength;
        ref var t = ref MemoryMarshal.GetReference(cell);
        ref var data = ref MemoryMarshal.GetArrayDataReference(blocks.Coarse);
        nuint start = (nuint)block * Variants.PerTile * D * FriendBlocks.Lanes;
        if (Vector512.IsHardwareAccelerated)
        {
            var min = Vector512.Create(float.MaxValue);
            for (int v = 0; v < Variants.PerTile; v++, start += D * FriendBlocks.Lanes)
                min = Vector512.MinNative(min, Distance512(ref data, start, ref t));
            min.StoreUnsafe(ref MemoryMarshal.GetReference(distances));
            return;
        }

        for (nuint half = 0; half < FriendBlocks.Lanes; half += 8)
        {
            var min = Vector256.Create(float.MaxValue);
            var p = start + half;
            for (int v = 0; v < Variants.PerTile; v++, p += D * FriendBlocks.Lanes)
                min = Vector256.MinNative(min, Distance256(ref data, p, ref t));
            min.StoreUnsafe(ref MemoryMarshal.GetReference(distances), half);
        }
    }

    // Three partial sums: one chain of 12 dependent multiply-adds would wait on latency.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Distance512(ref float data, nuint at, ref float t)
    {
        const nuint L = FriendBlocks.Lanes;
        Vector512<float> s0 = default, s1 = default, s2 = default;
        for (nuint d = 0; d < FeatureLayout.CoarseLength; d += 3)
        {
            var d0 = Vector512.LoadUnsafe(ref data, at + (d * L)) - Vector512.Create(Unsafe.Add(ref t, d));
            var d1 = Vector512.LoadUnsafe(ref data, at + ((d + 1) * L)) - Vector512.Create(Unsafe.Add(ref t, d + 1));
            var d2 = Vector512.LoadUnsafe(ref data, at + ((d + 2) * L)) - Vector512.Create(Unsafe.Add(ref t, d + 2));
            s0 = Vector512.FusedMultiplyAdd(d0, d0, s0);
            s1 = Vector512.FusedMultiplyAdd(d1, d1, s1);
            s2 = Vector512.FusedMultiplyAdd(d2, d2, s2);
        }

        return s0 + s1 + s2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Distance256(ref float data, nuint at, ref float t)
    {
        const nuint L = FriendBlocks.Lanes;
        Vector256<float> s0 = default, s1 = default, s2 = default;
        for (nuint d = 0; d < FeatureLayout.CoarseLength; d += 3)
        {
            var d0 = Vector256.LoadUnsafe(ref data, at + (d * L)) - Vector256.Create(Unsafe.Add(ref t, d));
            var d1 = Vector256.LoadUnsafe(ref data, at + ((d + 1) * L)) - Vector256.Create(Unsafe.Add(ref t, d + 1));
            var d2 = Vector256.LoadUnsafe(ref data, at + ((d + 2) * L)) - Vector256.Create(Unsafe.Add(ref t, d + 2));
            s0 = Vector256.FusedMultiplyAdd(d0, d0, s0);
            s1 = Vector256.FusedMultiplyAdd(d1, d1, s1);
            s2 = Vector256.FusedMultiplyAdd(d2, d2, s2);
        }

        return s0 + s1 + s2;
    }
}
