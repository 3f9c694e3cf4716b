using Vigil.Core.Workflow;

namespace Vigil.Core.Storage;

/// <summary>A screening of a subject at the version it was read at, to be recorded by a monitoring run.</summary>
internal sealed record MonitoredScreening(long SubjectId, int Version, string InputHash, SubjectScreening Screening);
