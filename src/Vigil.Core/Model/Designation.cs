namespace Vigil.Core.Model;

/// <summary>One listing of a record under a sanctions programme, as the list states it.</summary>
/// <param name="Program">The programme or regime, e.g. "Al-Qaida", "SDGT".</param>
/// <param name="ListedOn">Listing date in <see cref="PartialDate"/> notation, when the list gives one.</param>
/// <param name="Authority">The body that designated, when the list names one.</param>
/// <param name="Reference">The list's own reference for this designation (UK "AQD0179", EU regulation number...).</param>
public sealed record Designation(string Program, string? ListedOn = null, string? Authority = null, string? Reference = null);
