using PlaceKit.Homes;

namespace PlaceKit.Cli;

/// <summary>Reads the homes a command works on: the input CSV or .xlsx workbook, or the built-in sample stock when there is none.</summary>
internal static class HomeInput
{
    /// <exception cref="FileNotFoundException">The input file does not exist.</exception>
    /// <exception cref="HomeDataException">The input has bad rows.</exception>
    internal static (HomeSet Homes, string Source) Load(FileInfo? input, HomeCsvOptions csvOptions)
    {
        if (input is null)
        {
            if (csvOptions.Sheet is not null) throw new ArgumentException("--sheet needs an input workbook (.xlsx); the built-in sample stock has no sheets");
            return (SampleStock.Sample(), $"built-in sample stock ({SampleStock.SampleHomes:N0} homes, {SampleStock.SampleAuthorities} authorities)");
        }

        string path = PlaceKitCli.InputFile(input, "input");
        return (HomeCsv.Read(path, csvOptions), path);
    }
}
