using System.Text;
using PlaceKit.Homes;

namespace PlaceKit.Tests.Support;

public static class TestCsv
{
    public static string Text(params string[] lines) => string.Join("\n", lines) + "\n";

    public static HomeSet Read(params string[] lines) => HomeCsv.Read(new StringReader(Text(lines)));

    public static HomeSet ReadBytes(byte[] bytes) => HomeCsv.Read(new MemoryStream(bytes));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
