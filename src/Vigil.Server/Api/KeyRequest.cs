namespace Vigil.Server.Api;

/// <summary>The body of <c>POST /keys</c>.</summary>
public sealed record KeyRequest(string? Name, string? Role);
