using Vigil.Core.Workflow;

namespace Vigil.Core.Jobs;

/// <summary>A stored input row of a job: the subject as read, or null (with <see cref="Error"/>) for a rejected row.</summary>
internal sealed record JobRow(long Row, long Line, string Reference, SubjectInput? Input, string? Error);
