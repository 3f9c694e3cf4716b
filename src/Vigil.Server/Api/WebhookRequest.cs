namespace Vigil.Server.Api;

/// <summary>The body of <c>POST /webhooks</c>: the receiver's address, the events it hears of ("all" for every one), what it is.</summary>
public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? Events, string? Description);
