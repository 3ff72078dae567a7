namespace PlaceKit.IO;

/// <summary>How <see cref="OutputFile"/> writes one file.</summary>
public sealed record OutputFileOptions
{
    /// <summary>Replace an existing file that PlaceKit did not write (or that was changed since PlaceKit wrote it).</summary>
    /// <remarks>Without it such a file is refused before anything is written, so a mistyped output path never loses
    /// someone's file. A file PlaceKit wrote and nobody changed since is replaced without force (running the same
    /// command twice just works). Even with force, a file the command reads (<see cref="Inputs"/>) is never replaced.</remarks>
    /// <value>Default <see langword="false"/>.</value>
    public bool Force { get; init; }

    /// <summary>The files the command reads; the output may never be one of them, whatever <see cref="Force"/> says.</summary>
    /// <remarks>Compared after following symbolic links, so a link to an input is caught too.</remarks>
    /// <value>Default <see langword="null"/>: none.</value>
    public IReadOnlyList<string>? Inputs { get; init; }
}
