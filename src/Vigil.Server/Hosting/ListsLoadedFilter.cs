namespace Vigil.Server.Hosting;

/// <summary>
/// Guards every screening endpoint: until an index is built it answers 503 "not ready", and while the index holds no
/// list it answers 503 "no lists", because screening nothing would answer every name with an empty all-clear.
/// </summary>
internal sealed class ListsLoadedFilter(ScreeningIndexHost host) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (host.Current is not { } loaded)
        {
            return ValueTask.FromResult<object?>(Problems.NotReady());
        }
        if (!loaded.Corpus.HasLists)
        {
            return ValueTask.FromResult<object?>(Problems.NoLists());
        }
        return next(context);
    }
}
