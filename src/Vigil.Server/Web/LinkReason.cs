using Vigil.Core.Merge;
using Vigil.Core.Model;
using Vigil.Core.Storage;

namespace Vigil.Server.Web;

/// <summary>Why two records are one entity, as a sentence: who linked them and on what evidence.</summary>
public static class LinkReason
{
    public static string Describe(LinkView link)
    {
        var findings = link.Findings();
        var evidence = findings.Count == 0 ? "" : string.Join("; ", findings);
        return link.Method switch
        {
            Properties.CrossReference => $"{link.Left} quotes {link.Right} as the same listing" + (evidence.Length == 0 ? "." : $" (“{evidence}”)."),
            CrossListLinker.MatchMethod => $"{link.Left} and {link.Right} were linked automatically: " + (evidence.Length == 0 ? "same name and date of birth or identifier." : evidence + "."),
            CrossListLinker.AnalystMethod => $"An analyst linked {link.Left} and {link.Right}" + (evidence.Length == 0 ? "." : ": " + evidence + "."),
            _ => $"{link.Left} and {link.Right} were linked by {link.Method}" + (evidence.Length == 0 ? "." : ": " + evidence + "."),
        };
    }
}
