namespace Vigil.Tests.Parts;

/// <summary>
/// Marks a test class, a test method or a fixture type as needing a part of the machine: where the part is absent
/// (and not required here), its tests are not run, and one test per part says what to install.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class NeedsAttribute(SystemPart part) : Attribute
{
    public SystemPart Part { get; } = part;
}
