namespace Vigil.Core.Screening;

/// <summary>An entity's properties split by whether its FollowTheMoney schema defines them.</summary>
/// <param name="Schema">The FtM schema name.</param>
/// <param name="Properties">The properties the schema defines, <c>topics</c> included.</param>
/// <param name="Other">Vigil's own properties, which FtM does not define on this schema.</param>
public sealed record FtmProperties(string Schema, IReadOnlyDictionary<string, IReadOnlyList<string>> Properties, IReadOnlyDictionary<string, IReadOnlyList<string>> Other);
