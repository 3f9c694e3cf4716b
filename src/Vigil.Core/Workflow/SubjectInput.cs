namespace Vigil.Core.Workflow;

/// <summary>
/// A subject as the user gives it (a customer or counterparty): the user's own reference, and the fields to screen
/// exactly as written. <see cref="SubjectFields.TryCreate"/> checks and normalises it.
/// </summary>
/// <param name="Reference">The user's id for the subject; subjects are upserted by it.</param>
/// <param name="Names">Every name (any script); the first is the main one.</param>
/// <param name="Schema">Person, Organization, Vessel or Aircraft; null or empty when not known.</param>
/// <param name="BirthDates">Dates as written: 1975-05-14, 14.05.1975, 1975, circa 1975...</param>
/// <param name="Countries">Country names or ISO codes as written.</param>
/// <param name="Identifiers">Passport, national id, registration numbers...</param>
/// <param name="Profile">The screening profile (default, kyc, payments); null for the default.</param>
/// <param name="Portfolio">A label grouping subjects (a business line, a branch).</param>
/// <param name="Monitored">Whether the subject is re-screened when the lists change.</param>
public sealed record SubjectInput(
    string Reference,
    IReadOnlyList<string> Names,
    string? Schema = null,
    IReadOnlyList<string>? BirthDates = null,
    IReadOnlyList<string>? Countries = null,
    IReadOnlyList<string>? Identifiers = null,
    string? Profile = null,
    string? Portfolio = null,
    bool Monitored = true);
