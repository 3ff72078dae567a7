using System.Reflection;
using System.Text;

namespace PlaceKit.Tests.PublicApi;

/// <summary>
/// The package's public API is tracked in PlaceKit.approved.txt: an addition, removal or change fails this test until
/// the file is updated on purpose (run the tests with PLACEKIT_ACCEPT_API=1 and review the diff in the commit).
/// </summary>
public class PublicApiTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void PublicApi_MatchesApprovedFile()
    {
        string actual = Describe(typeof(PlaceKit.Planning.PlacePlan).Assembly);
        string path = Path.Combine(RepoRoot(), "tests", "PlaceKit.Tests", "PublicApi", "PlaceKit.approved.txt");
        string approved = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : "";
        if (actual == approved) return;
        if (Environment.GetEnvironmentVariable("PLACEKIT_ACCEPT_API") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        var before = approved.Split('\n').ToHashSet();
        var after = actual.Split('\n').ToHashSet();
        var diff = new StringBuilder("The public API changed. If that is intended, run the tests with PLACEKIT_ACCEPT_API=1 and commit PlaceKit.approved.txt.\n");
        foreach (var line in after.Except(before)) diff.Append("+ ").AppendLine(line);
        foreach (var line in before.Except(after)) diff.Append("- ").AppendLine(line);
        Assert.Fail(diff.ToString());
    }

    internal static string Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            string kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : type.IsSealed ? "sealed class" : "class";
            var bases = new List<string>();
            if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum)) bases.Add(Name(b));
            bases.AddRange(type.GetInterfaces().Select(Name).Order(StringComparer.Ordinal));
            lines.Add($"{kind} {Name(type)}{(bases.Count > 0 ? " : " + string.Join(", ", bases) : "")}");
            var members = new List<string>();
            foreach (var m in type.GetMembers(Declared))
            {
                string? text = m switch
                {
                    ConstructorInfo c when Visible(c) => $"ctor({Params(c)})",
                    MethodInfo mi when Visible(mi) && !mi.IsSpecialName => $"{(mi.IsStatic ? "static " : "")}{Name(mi.ReturnType)} {mi.Name}{Generic(mi)}({Params(mi)})",
                    PropertyInfo p when Visible(p.GetMethod) || Visible(p.SetMethod) =>
                        $"{(p.GetMethod?.IsStatic == true ? "static " : "")}{Name(p.PropertyType)} {p.Name}{Indexer(p)} {{ {(Visible(p.GetMethod) ? "get; " : "")}{(Visible(p.SetMethod) ? (IsInit(p) ? "init; " : "set; ") : "")}}}",
                    FieldInfo f when (f.IsPublic || f.IsFamily) && !f.IsSpecialName => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{Name(f.FieldType)} {f.Name}",
                    EventInfo e when Visible(e.AddMethod) => $"event {Name(e.EventHandlerType!)} {e.Name}",
                    _ => null,
                };
                if (text is not null) members.Add("  " + text);
            }

            lines.AddRange(members.Order(StringComparer.Ordinal));
        }

        return string.Join("\n", lines) + "\n";
    }

    private static bool Visible(MethodBase? m) => m is not null && (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly);

    private static bool IsInit(PropertyInfo p) =>
        p.SetMethod!.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static string Indexer(PropertyInfo p) => p.GetIndexParameters() is { Length: > 0 } ps ? $"[{string.Join(", ", ps.Select(x => Name(x.ParameterType)))}]" : "";

    private static string Generic(MethodInfo m) => m.IsGenericMethod ? $"<{string.Join(", ", m.GetGenericArguments().Select(Name))}>" : "";

    private static string Params(MethodBase m) => string.Join(", ", m.GetParameters().Select(p =>
        $"{(p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "")}{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : "")}"));

    private static string Name(Type t)
    {
        if (t.IsByRef) return Name(t.GetElementType()!);
        if (t.IsArray) return Name(t.GetElementType()!) + "[]";
        if (t.IsGenericParameter) return t.Name;
        string name = t.IsNested ? Name(t.DeclaringType!) + "." + t.Name : (t.Namespace is null ? t.Name : t.Namespace + "." + t.Name);
        if (!t.IsGenericType) return name;
        return name[..name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", t.GetGenericArguments().Select(Name)) + ">";
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PlaceKit.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PlaceKit.sln not found above " + AppContext.BaseDirectory);
    }
}
