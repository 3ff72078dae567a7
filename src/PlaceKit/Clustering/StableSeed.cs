using System.Text;

namespace PlaceKit.Clustering;

/// <summary>Derives per-authority random seeds that are stable across processes, machines and .NET versions.</summary>
internal static class StableSeed
{
    /// <summary>FNV-1a (32-bit) of the authority code's UTF-8 bytes, mixed with the plan seed.</summary>
    internal static int For(int seed, string key)
    {
        uint h = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(key))
        {
            h ^= b;
            h *= 16777619;
        }

        unchecked
        {
            h ^= (uint)seed * 0x9E3779B1u;
            h ^= h >> 16;
            h *= 0x85EBCA6Bu;
            h ^= h >> 13;
            return (int)(h & 0x7FFFFFFF);
        }
    }
}
