namespace Vigil.Core.Access;

/// <summary>How a caller proved who they are.</summary>
public enum CredentialKind
{
    /// <summary>A named API key kept (hashed) in the store.</summary>
    Key,

    /// <summary>A local user's sign-in session.</summary>
    User,

    /// <summary>A key from <c>VIGIL_API_KEYS</c> or a keys file: an administrator without a name.</summary>
    OperatorKey,

    /// <summary>
    /// A caller on the server's own machine while no key or user exists at all: the single-user setup, which may do
    /// everything, as the command line on that machine can.
    /// </summary>
    Local,
}
