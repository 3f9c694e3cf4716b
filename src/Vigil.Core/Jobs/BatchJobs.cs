using System.Security.Cryptography;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;

namespace Vigil.Core.Jobs;

/// <summary>
/// Submits batch jobs: a CSV or XLSX of ad-hoc rows (the customer-file columns <c>id,name,aliases,dob,country,schema,identifier</c>
/// and their synonyms) becomes a screening run of kind <see cref="ScreeningKind.Batch"/> recording the snapshot set and
/// configuration, and a job of chunks for workers to screen. Rows the reader rejects are stored with line and reason
/// as error results; they never stop the job.
/// </summary>
public static class BatchJobs
{
    /// <summary>Rows per chunk: a chunk is the unit a worker claims, commits, and (after a crash) screens again.</summary>
    public const int DefaultChunkRows = 500;

    /// <summary>How long a worker holds a chunk without renewing its lease; a dead worker's chunk is taken over after it.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Reads <paramref name="path"/> (.csv or .xlsx, decided by its extension) and stores the job; returns its id.
    /// Throws <see cref="FormatException"/> for a file or header that cannot be read, <see cref="ArgumentException"/>
    /// for an unknown profile, and <see cref="InvalidOperationException"/> when <paramref name="corpus"/> holds no list.
    /// </summary>
    /// <param name="fileName">The name to record for the file (an upload's name); the path's file name when null.</param>
    public static async Task<long> SubmitAsync(
        VigilStore store,
        ScreeningCorpus corpus,
        string path,
        string actor,
        string? profile = null,
        string? fileName = null,
        int chunkRows = DefaultChunkRows,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        var configuration = ScreeningConfiguration.ProfileName(profile, out var profileError) is { } name
            ? ScreeningConfiguration.For(name)
            : throw new ArgumentException(profileError);
        if (!corpus.HasLists)
        {
            throw new InvalidOperationException("no list is imported, so a batch cannot be screened: import a list first (vigil import FILE)");
        }
        using var reader = SubjectFileReader.Open(path);
        string fileHash;
        await using (var file = File.OpenRead(path))
        {
            fileHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
        }
        var run = await store.StartRunAsync(ScreeningKind.Batch, actor, configuration, corpus, cancellationToken);
        return await store.InsertJobAsync(run, fileName ?? Path.GetFileName(path), fileHash, configuration.Profile, actor, reader.Rows(), chunkRows, cancellationToken);
    }
}
