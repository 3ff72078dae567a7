using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace PlaceKit.Homes;

/// <summary>Throw helpers kept out of hot paths and stack traces.</summary>
[StackTraceHidden]
internal static class PlaceKitThrow
{
    [DoesNotReturn]
    internal static void Data(int line, string? homeId, string? field, string? value, string message) =>
        throw new HomeDataException(new HomeDataProblem(line, homeId, field, value, message));

    [DoesNotReturn]
    internal static void Data(List<HomeDataProblem> problems, int total) =>
        throw new HomeDataException(problems, total);
}
