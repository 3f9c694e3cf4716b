using Vigil.Core.Access;

namespace Vigil.Server.Api;

/// <summary>A key just made, as <c>POST /keys</c> answers and <c>vigil keys create --json</c> prints it: the key is in no other response, ever.</summary>
public sealed record CreatedKeyResponse(long Id, string Name, Role Role, string Key)
{
    public static CreatedKeyResponse From(CreatedApiKey created) => new(created.Info.Id, created.Info.Name, created.Info.Role, created.Key);
}
