namespace Vigil.Server.Hosting;

/// <summary>
/// Guards the screening endpoints that take no alert threshold (/search, reconciliation): a <c>threshold</c> or
/// <c>cutoff</c> there would otherwise be ignored without a word, and a caller who meant it to hide or show results
/// would read the answer wrongly. Only <c>/match</c> takes them.
/// </summary>
internal sealed class ScoreParametersFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        RequestValues.UntakenScoreParameter(context.HttpContext.Request.Query) is { } name
            ? ValueTask.FromResult<object?>(Problems.BadRequest(
                $"{name}: {context.HttpContext.Request.Path} takes no {name}; results come with their scores (POST /match/{{dataset}} takes threshold and cutoff)"))
            : next(context);
}
