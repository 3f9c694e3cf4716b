namespace Vigil.Core.Webhooks;

/// <summary>A webhook just added, with the secret its receiver checks signatures with (shown this once).</summary>
public sealed record CreatedWebhook(Webhook Webhook, string Secret);
