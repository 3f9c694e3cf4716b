namespace Vigil.Core.Storage;

/// <summary>
/// The store cannot be used: no store at the given place, a file that is not a Vigil store, or a database server that
/// does not answer. The message is one line in the user's terms, naming the file or the host and port.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoreUnavailableException()
    {
    }
}
