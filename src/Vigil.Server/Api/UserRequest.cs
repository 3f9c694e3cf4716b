namespace Vigil.Server.Api;

/// <summary>The body of <c>POST /users</c>.</summary>
public sealed record UserRequest(string? Login, string? Role, string? Password);
