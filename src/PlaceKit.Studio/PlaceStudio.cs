using System.Security.Cryptography;
using PlaceKit.Persistence;
using PlaceKit.Editing;
using PlaceKit.Export;
using PlaceKit.Planning;

namespace PlaceKit.Studio;

/// <summary>One plan open in the studio: the plan as edited so far, undo and redo, and saving.</summary>
/// <remarks>
/// <para>Every edit goes through <see cref="PlanEditor"/>, so the studio keeps exactly the rules and messages of
/// <c>placekit adjust</c>: an edit that breaks a rule is refused with its reasons and changes nothing. Each applied
/// edit is numbered with the line it gets in <c>edits.csv</c> (the history's position + 2) and stamped with its author
/// and time, whole seconds in UTC, so replaying the saved <c>edits.csv</c> with <c>placekit adjust</c> on the plan the
/// maths defined gives the same plan.</para>
/// <para><see cref="Save"/> writes the edited plan's outputs (as <c>placekit adjust</c> does: <c>plan.json</c> with the
/// edit history, <c>homes.csv</c>, <c>report.html</c>, ...) plus <c>edits.csv</c> into <see cref="OutputDirectory"/>, all
/// or nothing, and refuses when the opened plan file, or a plan this studio saved, changed on disk since.</para>
/// <para>Thread-safe: edits, undo, redo and save are serialised; plans are immutable. Each edit costs one
/// <see cref="PlanEditor.Apply"/> (O(n log n), rescoring the plan); undo and redo are O(1) (plans are kept, sharing
/// the homes).</para>
/// </remarks>
public sealed class PlaceStudio
{
    /// <summary>The name of the edits file written beside the plan.</summary>
    public const string EditsFileName = "edits.csv";

    private readonly Lock _gate = new();
    private readonly List<PlacePlan> _undo = [];
    private readonly List<PlacePlan> _redo = [];
    private readonly StudioView _view;
    private PlacePlan _plan;
    private PlacePlan _saved;
    private byte[]? _planFingerprint;
    private byte[]? _outputFingerprint;
    private long _version;

    /// <summary>Opens a plan that is not (or not only) on disk; <see cref="Save"/> needs <see cref="PlaceStudioOptions.OutputDirectory"/>.</summary>
    /// <param name="plan">The plan to edit.</param>
    /// <param name="options">The studio's options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    public PlaceStudio(PlacePlan plan, PlaceStudioOptions? options = null)
        : this(plan, null, options)
    {
    }

    private PlaceStudio(PlacePlan plan, string? planPath, PlaceStudioOptions? options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Options = options ?? new PlaceStudioOptions();
        Opened = plan;
        _plan = plan;
        _saved = plan;
        PlanPath = planPath;
        OutputDirectory = Options.OutputDirectory is { } o ? Path.GetFullPath(o) : planPath is null ? null : DefaultOutputDirectory(planPath, plan);
        if (planPath is not null) _planFingerprint = Fingerprint(planPath);
        if (OutputPlanPath is { } op && !SamePath(op, PlanPath)) _outputFingerprint = Fingerprint(op);
        _view = new StudioView(plan);
    }

    /// <summary>Opens a <c>plan.json</c> (<see cref="PlanFile.Load(string, IPlaceDefiner?)"/>: the plan is rebuilt through the library's stages; with <see cref="PlaceStudioOptions.BoundariesFile"/>, <see cref="PlanFile.LoadWithBoundaries"/>).</summary>
    /// <param name="planPath">The plan file.</param>
    /// <param name="options">The studio's options; <see langword="null"/> for the defaults.</param>
    /// <returns>The studio, with no edits yet.</returns>
    /// <exception cref="ArgumentException"><paramref name="planPath"/> is null or empty, or a boundary field is given without a boundary file.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="PlanFileException">The file is not a plan this PlaceKit can read, or its boundary file is gone.</exception>
    public static PlaceStudio Open(string planPath, PlaceStudioOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(planPath);
        string full = Path.GetFullPath(planPath);
        if (options?.BoundaryField is not null && options.BoundariesFile is null)
        {
            throw new ArgumentException("a boundary field needs a boundary file (PlaceStudioOptions.BoundariesFile)", nameof(options));
        }

        var plan = options?.BoundariesFile is { } boundaries
            ? PlanFile.LoadWithBoundaries(full, boundaries, options.BoundaryField)
            : PlanFile.Load(full);
        return new PlaceStudio(plan, full, options);
    }

    /// <summary>The studio's options.</summary>
    public PlaceStudioOptions Options { get; }

    /// <summary>The plan file that was opened (full path), or <see langword="null"/> when the plan was given in code.</summary>
    public string? PlanPath { get; }

    /// <summary>The plan as it was opened.</summary>
    public PlacePlan Opened { get; }

    /// <summary>Where <see cref="Save"/> writes (full path); <see langword="null"/> when the plan was given in code and no folder was set.</summary>
    public string? OutputDirectory { get; }

    /// <summary>The plan with every edit applied so far (and not undone).</summary>
    public PlacePlan Plan
    {
        get
        {
            lock (_gate) return _plan;
        }
    }

    /// <summary>Whether the plan differs from the one last saved (or opened).</summary>
    public bool HasUnsavedEdits
    {
        get
        {
            lock (_gate) return !ReferenceEquals(_plan, _saved);
        }
    }

    /// <summary>Whether there is an edit to undo.</summary>
    public bool CanUndo
    {
        get
        {
            lock (_gate) return _undo.Count > 0;
        }
    }

    /// <summary>Whether there is an undone edit to redo.</summary>
    public bool CanRedo
    {
        get
        {
            lock (_gate) return _redo.Count > 0;
        }
    }

    /// <summary>Goes up by one with every applied edit, undo and redo: the version of <see cref="Plan"/> the page shows.</summary>
    public long Version => Interlocked.Read(ref _version);

    internal StudioView View => _view;

    private string? OutputPlanPath => OutputDirectory is null ? null : Path.Combine(OutputDirectory, "plan.json");

    /// <summary>Applies one edit with the library's editor, or refuses it.</summary>
    /// <param name="action">One of <see cref="PlanEditAction"/>'s actions.</param>
    /// <param name="targets">The home or place ids it acts on.</param>
    /// <param name="argument">The place to move into, the split count or the new place's name; empty when the action takes none.</param>
    /// <param name="author">Who makes the edit; kept in the history.</param>
    /// <returns>The problems (the same reasons <c>placekit adjust</c> gives); empty when the edit was applied.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public IReadOnlyList<PlanEditProblem> Apply(string action, IReadOnlyList<string> targets, string argument, string? author)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(argument);
        return Apply(action, targets, argument, author, out _, out _);
    }

    internal IReadOnlyList<PlanEditProblem> Apply(string action, IReadOnlyList<string> targets, string argument, string? author, out PlacePlan before, out PlacePlan after)
    {
        lock (_gate)
        {
            before = after = _plan;
            var now = Options.TimeProvider.GetUtcNow();
            var time = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            var edit = new PlanEdit(_plan.Edits.Count + 2, action, targets, argument)
            {
                Author = string.IsNullOrWhiteSpace(author) ? null : author.Trim(),
                Time = time,
            };
            if (argument.AsSpan().ContainsAny('\r', '\n') || (edit.Author ?? "").AsSpan().ContainsAny('\r', '\n'))
            {
                return [new PlanEditProblem(edit.Line, edit.ToString(), "a name cannot contain a line break")];
            }

            PlacePlan next;
            try
            {
                next = PlanEditor.Apply(_plan, [edit]);
            }
            catch (PlanEditException ex)
            {
                return ex.Problems;
            }

            _undo.Add(_plan);
            _redo.Clear();
            _plan = next;
            after = next;
            Interlocked.Increment(ref _version);
            return [];
        }
    }

    /// <summary>Undoes the last edit.</summary>
    /// <returns>Whether there was one to undo.</returns>
    public bool Undo() => Step(_undo, _redo, out _, out _);

    /// <summary>Redoes the last undone edit.</summary>
    /// <returns>Whether there was one to redo.</returns>
    public bool Redo() => Step(_redo, _undo, out _, out _);

    internal bool Undo(out PlacePlan before, out PlacePlan after) => Step(_undo, _redo, out before, out after);

    internal bool Redo(out PlacePlan before, out PlacePlan after) => Step(_redo, _undo, out before, out after);

    private bool Step(List<PlacePlan> from, List<PlacePlan> to, out PlacePlan before, out PlacePlan after)
    {
        lock (_gate)
        {
            before = after = _plan;
            if (from.Count == 0) return false;
            to.Add(_plan);
            _plan = from[^1];
            from.RemoveAt(from.Count - 1);
            after = _plan;
            Interlocked.Increment(ref _version);
            return true;
        }
    }

    /// <summary>Saves the edited plan: its outputs (<c>plan.json</c> with the edit history, <c>homes.csv</c>, <c>report.html</c>, <c>changes.csv</c> against the opened plan, ...) and <c>edits.csv</c>, into <see cref="OutputDirectory"/>, all or nothing.</summary>
    /// <returns>The full paths of the files written.</returns>
    /// <remarks><c>edits.csv</c> holds the plan's whole edit history, so <c>placekit adjust</c> replays it on the plan
    /// the maths defined (the <c>placekit define</c> output) to give the same plan.</remarks>
    /// <exception cref="StudioSaveException">Saving was refused: the opened plan file or the saved plan changed on disk since, the folder holds files PlaceKit did not write, or there is no output folder; nothing was written.</exception>
    /// <exception cref="IOException">A file could not be written; the previous files are untouched.</exception>
    public IReadOnlyList<string> Save()
    {
        lock (_gate)
        {
            var dir = OutputDirectory ?? throw new StudioSaveException("there is no folder to save into: set PlaceStudioOptions.OutputDirectory");
            if (PlanPath is not null && !Same(_planFingerprint, Fingerprint(PlanPath)))
            {
                throw new StudioSaveException(_planFingerprint is null || File.Exists(PlanPath)
                    ? $"the plan file '{PlanPath}' changed on disk since the studio opened it (another program wrote it); nothing was saved. Open it again to edit the new plan."
                    : $"the plan file '{PlanPath}' is no longer there; nothing was saved.");
            }

            string outPlan = OutputPlanPath!;
            if (!SamePath(outPlan, PlanPath) && !Same(_outputFingerprint, Fingerprint(outPlan)))
            {
                throw new StudioSaveException($"'{outPlan}' changed on disk since the studio {(_outputFingerprint is null ? "opened the plan" : "last saved it")} (another studio or command wrote it); nothing was saved.");
            }

            var plan = _plan;
            var files = new List<ExportFile> { new(EditsFileName, s => WriteEdits(plan, s)) };
            IReadOnlyList<string> written;
            try
            {
                written = PlanExporter.WriteAll(plan, dir, new PlanExportOptions { Changes = PlanDiff.Compare(Opened, plan), ExtraFiles = files });
            }
            catch (OutputFolderException ex)
            {
                throw new StudioSaveException(ex.Message, ex);
            }

            _saved = plan;
            _outputFingerprint = Fingerprint(outPlan);
            if (SamePath(outPlan, PlanPath)) _planFingerprint = _outputFingerprint;
            return written;
        }
    }

    private static void WriteEdits(PlacePlan plan, Stream stream)
    {
        using var w = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
        PlanEdits.Write(plan.Edits, w);
    }

    /// <summary>The default save folder: the plan's own folder when it already carries edits, else <c>FOLDER-edited</c> beside it.</summary>
    internal static string DefaultOutputDirectory(string planPath, PlacePlan plan)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(planPath))!;
        if (plan.Edits.Count > 0) return folder;
        string trimmed = Path.TrimEndingDirectorySeparator(folder);
        string? parent = Path.GetDirectoryName(trimmed);
        return parent is null ? Path.Combine(trimmed, "edited") : Path.Combine(parent, Path.GetFileName(trimmed) + "-edited");
    }

    private static byte[]? Fingerprint(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
            return SHA256.HashData(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private static bool SamePath(string a, string? b) => b is not null && string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
