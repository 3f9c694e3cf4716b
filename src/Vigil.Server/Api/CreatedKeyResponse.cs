using Vigil.Core.Access;

namespace Vigil.Server.Api;

/// <summary>A key just made, as <c>vigil keys create --json</c> prints it: the key is in no other response, ever.</summary>
public sealed record CreatedKeyResponse(long Id, string Name, Role Role, string Key);
