using Vigil.Core.Audit;

namespace Vigil.Server.Web;

/// <summary>One run of the audit verification from the audit page: when, by whom, how long it took, and what it found.</summary>
public sealed record VerificationRun(DateTimeOffset At, string By, TimeSpan Took, AuditVerification? Result, string? Failure);
