namespace Vigil.Tests.Parts;

/// <summary>A part of the machine some tests need and the .NET SDK does not bring.</summary>
public enum SystemPart
{
    /// <summary>A PostgreSQL server named by VIGIL_TEST_POSTGRES.</summary>
    PostgreSql,

    /// <summary>Debian's Chromium, driven by Playwright.</summary>
    Browser,

    /// <summary>A font with Chinese glyphs, for the browser test that measures Chinese text.</summary>
    CjkFont,
}
